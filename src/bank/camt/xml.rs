//! A small element tree read with quick-xml: local names only (namespaces and versions are
//! ignored), the text of each element, its attributes and the line it starts on. camt files
//! are a few megabytes at most, so holding the tree is cheap, and reading by path
//! (`Ntry/NtryDtls/TxDtls`) keeps the parser close to the standard's own notation.
//!
//! The nodes live in one `Vec` (an arena): no recursion anywhere, so neither a deep file nor
//! dropping the tree can overflow the stack; depth is capped all the same.

use quick_xml::events::{BytesStart, Event};
use quick_xml::reader::Reader;

use crate::error::{Error, Result};

/// Deeper than any camt message (about 15 levels): refused as not a statement.
const MAX_DEPTH: usize = 64;

#[derive(Debug)]
pub struct Node {
    pub name: String,
    pub text: String,
    pub attrs: Vec<(String, String)>,
    pub line: u64,
    pub parent: Option<usize>,
    pub children: Vec<usize>,
}

#[derive(Debug)]
pub struct Tree {
    pub nodes: Vec<Node>,
}

/// A node of the tree, with the tree, to walk from.
#[derive(Clone, Copy)]
pub struct El<'t> {
    tree: &'t Tree,
    index: usize,
}

/// Line number (1-based) of a byte offset.
pub struct Lines {
    starts: Vec<usize>,
}

impl Lines {
    pub fn new(text: &str) -> Lines {
        let mut starts = vec![0];
        starts.extend(
            text.bytes()
                .enumerate()
                .filter(|(_, b)| *b == b'\n')
                .map(|(i, _)| i + 1),
        );
        Lines { starts }
    }

    pub fn line(&self, offset: u64) -> u64 {
        let offset = usize::try_from(offset).unwrap_or(usize::MAX);
        self.starts.partition_point(|&start| start <= offset) as u64
    }
}

/// Reads `text` into a tree; an error names the file, the line and the element being read.
pub fn read(file: &str, text: &str) -> Result<Tree> {
    let mut b = Builder {
        file,
        lines: Lines::new(text),
        nodes: Vec::new(),
        stack: Vec::new(),
        root: false,
    };
    let mut reader = Reader::from_str(text);
    loop {
        let before = reader.buffer_position();
        let event = match reader.read_event() {
            Ok(event) => event,
            Err(e) => {
                let line = b.lines.line(reader.error_position());
                return Err(b.error(line, &format!("not well-formed XML ({e})")));
            }
        };
        let line = b.lines.line(before);
        match event {
            Event::Start(start) => b.open(&start, line, false)?,
            Event::Empty(start) => b.open(&start, line, true)?,
            Event::End(_) => {
                b.stack.pop();
            }
            Event::Text(t) => {
                let content = t.xml10_content();
                if !b.push_text(&content) && !content.trim().is_empty() {
                    return Err(b.error(line, "text outside the root element"));
                }
            }
            Event::CData(t) => {
                b.push_text(&t.xml10_content());
            }
            Event::GeneralRef(r) => {
                let name = r.xml10_content();
                let resolved = match r.resolve_char_ref() {
                    Ok(Some(c)) => Some(c),
                    Ok(None) => match name.as_ref() {
                        "amp" => Some('&'),
                        "lt" => Some('<'),
                        "gt" => Some('>'),
                        "apos" => Some('\''),
                        "quot" => Some('"'),
                        _ => None,
                    },
                    Err(_) => None,
                };
                let Some(c) = resolved else {
                    return Err(b.error(line, &format!("unknown entity &{name};")));
                };
                b.push_text(c.encode_utf8(&mut [0; 4]));
            }
            Event::Eof => break,
            Event::Decl(_) | Event::PI(_) | Event::Comment(_) | Event::DocType(_) => {}
        }
    }
    if !b.stack.is_empty() {
        let line = b.lines.line(text.len() as u64);
        return Err(b.error(line, "the file ends before the element is closed"));
    }
    if !b.root {
        return Err(super::super::file_error(
            file,
            0,
            "",
            "no XML element in the file",
        ));
    }
    Ok(Tree { nodes: b.nodes })
}

struct Builder<'f> {
    file: &'f str,
    lines: Lines,
    nodes: Vec<Node>,
    stack: Vec<usize>,
    root: bool,
}

impl Builder<'_> {
    fn path(&self) -> String {
        shorten(
            self.stack
                .iter()
                .map(|&i| self.nodes[i].name.as_str())
                .collect(),
        )
    }

    fn error(&self, line: u64, reason: &str) -> Error {
        super::super::file_error(self.file, line, &self.path(), reason)
    }

    /// Appends to the open element's text; false outside the root.
    fn push_text(&mut self, text: &str) -> bool {
        match self.stack.last() {
            Some(&top) => {
                self.nodes[top].text.push_str(text);
                true
            }
            None => false,
        }
    }

    fn open(&mut self, start: &BytesStart<'_>, line: u64, empty: bool) -> Result<()> {
        if self.root && self.stack.is_empty() {
            return Err(self.error(line, "more than one root element"));
        }
        if self.stack.len() >= MAX_DEPTH {
            return Err(self.error(line, "elements nested too deep for a bank statement"));
        }
        let name = start.local_name().as_ref().to_string();
        let mut attrs = Vec::new();
        for attr in start.attributes() {
            let value = attr.as_ref().map_err(|e| e.to_string()).and_then(|a| {
                a.normalized_value(quick_xml::XmlVersion::Implicit1_0)
                    .map(|v| (a.key.local_name().as_ref().to_string(), v.into_owned()))
                    .map_err(|e| e.to_string())
            });
            match value {
                Ok(pair) => attrs.push(pair),
                Err(e) => {
                    return Err(self.error(line, &format!("bad attribute in <{name}> ({e})")));
                }
            }
        }
        let index = self.nodes.len();
        let parent = self.stack.last().copied();
        self.nodes.push(Node {
            name,
            text: String::new(),
            attrs,
            line,
            parent,
            children: Vec::new(),
        });
        match parent {
            Some(p) => self.nodes[p].children.push(index),
            None => self.root = true,
        }
        if !empty {
            self.stack.push(index);
        }
        Ok(())
    }
}

/// A path of names, `/`-joined; a very deep one keeps only its last names after `…`.
fn shorten(names: Vec<&str>) -> String {
    const KEEP: usize = 12;
    if names.len() > KEEP {
        format!("…/{}", names[names.len() - KEEP..].join("/"))
    } else {
        names.join("/")
    }
}

impl Tree {
    pub fn root(&self) -> El<'_> {
        El {
            tree: self,
            index: 0,
        }
    }
}

impl<'t> El<'t> {
    fn node(&self) -> &'t Node {
        &self.tree.nodes[self.index]
    }

    pub fn name(&self) -> &'t str {
        &self.node().name
    }

    pub fn line(&self) -> u64 {
        self.node().line
    }

    /// The text, trimmed.
    pub fn text(&self) -> &'t str {
        self.node().text.trim()
    }

    pub fn attr(&self, name: &str) -> Option<&'t str> {
        self.node()
            .attrs
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }

    pub fn children(&self) -> impl Iterator<Item = El<'t>> + 't {
        let tree = self.tree;
        self.node()
            .children
            .iter()
            .map(move |&index| El { tree, index })
    }

    /// The children named `name`.
    pub fn all(&self, name: &'t str) -> impl Iterator<Item = El<'t>> + 't {
        self.children().filter(move |c| c.name() == name)
    }

    /// The first child named `name`.
    pub fn child(&self, name: &str) -> Option<El<'t>> {
        self.children().find(|c| c.name() == name)
    }

    /// The first element down a `/`-separated path of names.
    pub fn at(&self, path: &str) -> Option<El<'t>> {
        let mut el = *self;
        for name in path.split('/') {
            el = el.child(name)?;
        }
        Some(el)
    }

    /// The trimmed text at a path, when present and not empty.
    pub fn text_at(&self, path: &str) -> Option<&'t str> {
        self.at(path).map(|e| e.text()).filter(|t| !t.is_empty())
    }

    /// The names from the root down to this element, `Document/BkToCstmrStmt/Stmt/Ntry`.
    pub fn path(&self) -> String {
        let mut names = vec![self.name()];
        let mut at = self.node().parent;
        while let Some(i) = at {
            names.push(&self.tree.nodes[i].name);
            at = self.tree.nodes[i].parent;
        }
        names.reverse();
        shorten(names)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_local_names_text_attributes_and_lines() {
        let tree = read(
            "t.xml",
            "<?xml version=\"1.0\"?>\n<a:Doc xmlns:a=\"x\">\n <a:B Ccy=\"EUR\">1 &amp; 2&#33;</a:B>\n <C/><D></D>\n</a:Doc>",
        )
        .unwrap();
        let root = tree.root();
        assert_eq!(root.name(), "Doc");
        let b = root.child("B").unwrap();
        assert_eq!(b.text(), "1 & 2!");
        assert_eq!(b.attr("Ccy"), Some("EUR"));
        assert_eq!(b.line(), 3);
        assert_eq!(b.path(), "Doc/B");
        let names: Vec<_> = root.children().map(|c| c.name()).collect();
        assert_eq!(names, ["B", "C", "D"]);
    }

    #[test]
    fn malformed_xml_is_refused_with_its_line() {
        for (text, line) in [
            ("<a>\n<b>\n</c>\n</a>", 3),
            ("<a>\n<b>x</b>\n", 3),
            ("<a>&nope;</a>", 1),
            ("<a/><b/>", 1),
            ("", 0),
        ] {
            let e = read("f.xml", text).unwrap_err();
            assert_eq!(e.problems[0].line, line, "{text:?}: {}", e.message);
            assert!(e.message.starts_with("f.xml"), "{}", e.message);
        }
    }

    #[test]
    fn deep_nesting_is_refused() {
        let text = "<a>".repeat(10_000);
        let e = read("deep.xml", &text).unwrap_err();
        assert!(e.message.contains("nested too deep"), "{}", e.message);
    }
}
