//! Layout and PDF output of letters (printpdf, fonts embedded as subsets).
//!
//! Positions are computed in millimetres from the top-left corner of the A4 page and turned
//! into PDF points (origin bottom-left) when an operation is emitted. Geometry is `f32`; money
//! never is: every amount arrives here already formatted by [`super::format`].

use std::sync::OnceLock;

use printpdf::{
    Color, FontId, Greyscale, Line, LinePoint, Mm, Op, PaintMode, ParsedFont, PdfDocument, PdfFont,
    PdfFontHandle, PdfPage, PdfSaveOptions, Point, Pt, Rect, TextItem,
};
use qrcode::{EcLevel, QrCode};

use crate::error::{Error, Result};

use super::words::{Words, words};
use super::{Letter, Totals, address_window, epc_payload, format, template};

const REGULAR_TTF: &[u8] = include_bytes!("../../assets/fonts/DejaVuSans.ttf");
const BOLD_TTF: &[u8] = include_bytes!("../../assets/fonts/DejaVuSans-Bold.ttf");

const PAGE_W: f32 = 210.0;
const PAGE_H: f32 = 297.0;
/// Left and right margins of the text (DIN 5008: 25 mm left, at least 20 mm right).
const LEFT: f32 = 25.0;
const RIGHT: f32 = 190.0;
/// Text stops here; the footer sits below.
const BOTTOM: f32 = 276.0;
/// Where text resumes on a continuation page, under the small running head.
const CONTINUATION_TOP: f32 = 26.0;
/// The column of the right-hand blocks (sender details; info block beside a left window).
const RIGHT_COLUMN: f32 = 125.0;

const BODY_SIZE: f32 = 10.0;
const BODY_LINE: f32 = 4.4;
const TABLE_SIZE: f32 = 9.0;
const ROW: f32 = 4.8;
const SMALL: f32 = 7.5;
/// Room for a handwritten signature above the typed one.
const SIGNATURE_SPACE: f32 = 8.0;

/// The two faces, parsed once per process.
struct Faces {
    regular: ParsedFont,
    bold: ParsedFont,
    regular_pdf: PdfFont,
    bold_pdf: PdfFont,
}

fn faces() -> Result<&'static Faces> {
    static FACES: OnceLock<Option<Faces>> = OnceLock::new();
    FACES
        .get_or_init(|| {
            let regular = ParsedFont::from_bytes(REGULAR_TTF, 0, &mut Vec::new())?;
            let bold = ParsedFont::from_bytes(BOLD_TTF, 0, &mut Vec::new())?;
            Some(Faces {
                regular_pdf: PdfFont::new(regular.clone()),
                bold_pdf: PdfFont::new(bold.clone()),
                regular,
                bold,
            })
        })
        .as_ref()
        .ok_or_else(|| Error::internal("the letter fonts compiled in cannot be read"))
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Face {
    Regular,
    Bold,
}

impl Face {
    fn id(self) -> FontId {
        // printpdf makes the subset tag (`ABCDEF+DejaVuSans`) from the first six characters
        // of the id: six capitals, as PDF readers expect of a subset's name.
        FontId(match self {
            Face::Regular => "CDLREG".into(),
            Face::Bold => "CDLBLD".into(),
        })
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Align {
    Left,
    Right,
    Center,
}

fn pt(mm: f32) -> Pt {
    Pt(mm * 72.0 / 25.4)
}

fn point(x_mm: f32, y_top_mm: f32) -> Point {
    Point {
        x: pt(x_mm),
        y: pt(PAGE_H - y_top_mm),
    }
}

impl Faces {
    fn font(&self, face: Face) -> &ParsedFont {
        match face {
            Face::Regular => &self.regular,
            Face::Bold => &self.bold,
        }
    }

    /// The printed width of `text` in millimetres.
    fn width(&self, face: Face, text: &str, size: f32) -> f32 {
        let font = self.font(face);
        let units_per_em = f32::from(font.pdf_font_metrics.units_per_em.max(1));
        let units: u32 = text
            .chars()
            .map(|c| {
                font.lookup_glyph_index(c as u32)
                    .map(|g| u32::from(font.get_horizontal_advance(g)))
                    .unwrap_or(0)
            })
            .sum();
        units as f32 / units_per_em * size * 25.4 / 72.0
    }

    /// `text` cut to `max` millimetres, with an ellipsis when cut.
    fn clip(&self, face: Face, text: &str, size: f32, max: f32) -> String {
        if self.width(face, text, size) <= max {
            return text.to_string();
        }
        let mut chars: Vec<char> = text.chars().collect();
        while !chars.is_empty() {
            chars.pop();
            let candidate: String = chars.iter().collect::<String>() + "…";
            if self.width(face, &candidate, size) <= max {
                return candidate;
            }
        }
        String::new()
    }

    /// Word-wraps one paragraph to `width` millimetres. A currency symbol standing alone
    /// stays with the amount before it (`1.234,56 €` never breaks).
    fn wrap(&self, face: Face, text: &str, size: f32, width: f32) -> Vec<String> {
        let mut lines = Vec::new();
        for source_line in text.split('\n') {
            let mut words: Vec<String> = Vec::new();
            for word in source_line.split(' ').filter(|w| !w.is_empty()) {
                let glue =
                    matches!(
                        word.trim_end_matches(['.', ',', ';', ':', ')']),
                        "€" | "£" | "$"
                    ) || (word.len() == 3 && word.chars().all(|c| c.is_ascii_uppercase()) && {
                        words
                            .last()
                            .is_some_and(|w| w.ends_with(|c: char| c.is_ascii_digit()))
                    });
                match words.last_mut() {
                    Some(last) if glue => {
                        last.push(' ');
                        last.push_str(word);
                    }
                    _ => words.push(word.to_string()),
                }
            }
            let mut line = String::new();
            for word in words {
                let candidate = if line.is_empty() {
                    word.clone()
                } else {
                    format!("{line} {word}")
                };
                if !line.is_empty() && self.width(face, &candidate, size) > width {
                    lines.push(std::mem::take(&mut line));
                    line = word;
                } else {
                    line = candidate;
                }
            }
            lines.push(line);
        }
        lines
    }
}

/// What `render_documents` gives back.
pub(super) struct Rendered {
    pub singles: Vec<Vec<u8>>,
    pub pages: Vec<usize>,
    pub combined: Option<Vec<u8>>,
}

/// Lays out every letter; saves each alone, and all together when `combined`.
pub(super) fn render_documents(letters: &[Letter], combined: bool) -> Result<Rendered> {
    let faces = faces()?;
    let mut singles = Vec::with_capacity(letters.len());
    let mut page_counts = Vec::with_capacity(letters.len());
    let mut all_pages = Vec::new();
    for letter in letters {
        let pages = layout(letter, faces)?;
        page_counts.push(pages.len());
        let title = format!(
            "{} {} {}",
            letter.template_subject_plain(),
            letter.customer_number,
            letter.date
        );
        if combined {
            all_pages.extend(pages.iter().cloned());
        }
        singles.push(save(&title, pages, faces));
    }
    let combined = combined.then(|| {
        let title = letters
            .first()
            .map(|l| format!("Letters {}", l.date))
            .unwrap_or_default();
        save(&title, all_pages, faces)
    });
    Ok(Rendered {
        singles,
        pages: page_counts,
        combined,
    })
}

impl Letter {
    /// The subject with its placeholders filled, for the document title.
    fn template_subject_plain(&self) -> String {
        match self.totals() {
            Ok(totals) => template::fill(&self.template.subject, |n| self.placeholder(n, &totals)),
            Err(_) => self.template.subject.clone(),
        }
    }
}

fn save(title: &str, pages: Vec<PdfPage>, faces: &Faces) -> Vec<u8> {
    let mut doc = PdfDocument::new(title);
    doc.resources
        .fonts
        .map
        .insert(Face::Regular.id(), faces.regular_pdf.clone());
    doc.resources
        .fonts
        .map
        .insert(Face::Bold.id(), faces.bold_pdf.clone());
    doc.with_pages(pages);
    let options = PdfSaveOptions {
        subset_fonts: true,
        optimize: true,
        ..PdfSaveOptions::default()
    };
    doc.save(&options, &mut Vec::new())
}

/// One letter's pages.
fn layout(letter: &Letter, faces: &Faces) -> Result<Vec<PdfPage>> {
    let totals = letter.check()?;
    let qr = match epc_payload(letter)? {
        Some(payload) => Some(
            QrCode::with_error_correction_level(payload.as_bytes(), EcLevel::M)
                .map_err(|e| Error::internal(format!("EPC QR code: {e}")))?,
        ),
        None => None,
    };
    let mut page = Pager {
        faces,
        letter,
        words: words(letter.language),
        pages: Vec::new(),
        ops: Vec::new(),
        y: 0.0,
    };
    page.first_page_head();
    page.text_blocks(&totals, true);
    page.table();
    page.totals(&totals);
    page.payment(&totals, qr.as_ref());
    page.text_blocks(&totals, false);
    page.signature();
    Ok(page.finish())
}

struct Pager<'a> {
    faces: &'a Faces,
    letter: &'a Letter,
    words: &'static Words,
    pages: Vec<Vec<Op>>,
    ops: Vec<Op>,
    /// The top of the free space on the current page, in mm from the top.
    y: f32,
}

const BLACK: f32 = 0.0;
const GREY: f32 = 0.35;

impl Pager<'_> {
    #[allow(clippy::too_many_arguments)]
    fn text_at(
        &mut self,
        x: f32,
        baseline: f32,
        text: &str,
        face: Face,
        size: f32,
        align: Align,
        grey: f32,
    ) {
        if text.is_empty() {
            return;
        }
        let x = match align {
            Align::Left => x,
            Align::Right => x - self.faces.width(face, text, size),
            Align::Center => x - self.faces.width(face, text, size) / 2.0,
        };
        if grey != BLACK {
            self.ops.push(Op::SetFillColor {
                col: Color::Greyscale(Greyscale::new(grey, None)),
            });
        }
        self.ops.extend([
            Op::StartTextSection,
            Op::SetFont {
                font: PdfFontHandle::External(face.id()),
                size: Pt(size),
            },
            Op::SetTextCursor {
                pos: point(x, baseline),
            },
            Op::ShowText {
                items: vec![TextItem::Text(text.to_string())],
            },
            Op::EndTextSection,
        ]);
        if grey != BLACK {
            self.ops.push(Op::SetFillColor {
                col: Color::Greyscale(Greyscale::new(BLACK, None)),
            });
        }
    }

    fn rule(&mut self, x1: f32, x2: f32, y: f32, thickness: f32, grey: f32) {
        self.ops.extend([
            Op::SetOutlineColor {
                col: Color::Greyscale(Greyscale::new(grey, None)),
            },
            Op::SetOutlineThickness { pt: Pt(thickness) },
            Op::DrawLine {
                line: Line {
                    points: vec![
                        LinePoint {
                            p: point(x1, y),
                            bezier: false,
                        },
                        LinePoint {
                            p: point(x2, y),
                            bezier: false,
                        },
                    ],
                    is_closed: false,
                },
            },
        ]);
    }

    /// A filled rectangle; `(x, y)` is its top-left corner.
    fn fill(&mut self, x: f32, y: f32, w: f32, h: f32) {
        let lower_left = point(x, y + h);
        self.ops.push(Op::DrawRectangle {
            rectangle: Rect {
                x: lower_left.x,
                y: lower_left.y,
                width: pt(w),
                height: pt(h),
                mode: Some(PaintMode::Fill),
                winding_order: None,
            },
        });
    }

    /// Starts a new page when `needed` millimetres do not fit; says whether it did.
    fn ensure(&mut self, needed: f32) -> bool {
        if self.y + needed <= BOTTOM {
            return false;
        }
        self.pages.push(std::mem::take(&mut self.ops));
        let l = self.letter;
        let head = format!(
            "{} – {} {} – {} ({})",
            l.sender.name,
            self.words.customer_number,
            l.customer_number,
            l.recipient.name,
            self.words.continued
        );
        let head = self.faces.clip(Face::Regular, &head, SMALL, RIGHT - LEFT);
        self.text_at(LEFT, 17.0, &head, Face::Regular, SMALL, Align::Left, GREY);
        self.rule(LEFT, RIGHT, 19.5, 0.4, 0.6);
        self.y = CONTINUATION_TOP;
        true
    }

    fn first_page_head(&mut self) {
        let l = self.letter;
        let w = self.words;
        let lang = l.language;
        let france = l.recipient.country == crate::domain::Country::FR;

        // Letter head: the company's name, its details in the right column.
        let head = self
            .faces
            .wrap(Face::Bold, &l.sender.name, 13.0, RIGHT_COLUMN - LEFT - 5.0);
        for (i, line) in head.iter().take(2).enumerate() {
            let line = self
                .faces
                .clip(Face::Bold, line, 13.0, RIGHT_COLUMN - LEFT - 5.0);
            self.text_at(
                LEFT,
                20.0 + 5.6 * i as f32,
                &line,
                Face::Bold,
                13.0,
                Align::Left,
                BLACK,
            );
        }
        let mut details: Vec<String> = l.sender.address_lines.clone();
        details.push(format::country_line(l.sender.country, lang));
        if !l.sender.phone.trim().is_empty() {
            details.push(format!("{} {}", w.phone, l.sender.phone.trim()));
        }
        if !l.sender.email.trim().is_empty() {
            details.push(l.sender.email.trim().to_string());
        }
        if !l.sender.vat_number.trim().is_empty() {
            details.push(format!("{} {}", w.vat, l.sender.vat_number.trim()));
        }
        for (i, line) in details.iter().take(7).enumerate() {
            let line = self
                .faces
                .clip(Face::Regular, line, 8.0, RIGHT - RIGHT_COLUMN);
            self.text_at(
                RIGHT_COLUMN,
                15.0 + 3.6 * i as f32,
                &line,
                Face::Regular,
                8.0,
                Align::Left,
                GREY,
            );
        }

        // The address, in the envelope window.
        let window = address_window(l.recipient.country);
        let mut return_line = vec![l.sender.name.trim().to_string()];
        return_line.extend(l.sender.address_lines.iter().map(|s| s.trim().to_string()));
        let return_line = self.faces.clip(
            Face::Regular,
            &return_line.join(" · "),
            6.0,
            window.width_mm,
        );
        let (return_baseline, first_baseline) = if france {
            (window.top_mm + 4.0, window.top_mm + 9.5)
        } else {
            (window.top_mm + 15.5, window.top_mm + 21.2)
        };
        self.text_at(
            window.left_mm,
            return_baseline,
            &return_line,
            Face::Regular,
            6.0,
            Align::Left,
            GREY,
        );
        let return_width = self.faces.width(Face::Regular, &return_line, 6.0);
        self.rule(
            window.left_mm,
            window.left_mm + return_width,
            return_baseline + 0.8,
            0.3,
            GREY,
        );

        let r = &l.recipient;
        let mut address: Vec<String> = vec![r.name.trim().to_string()];
        if !r.attention.trim().is_empty() {
            address.push(format!("{} {}", w.attention, r.attention.trim()));
        }
        address.extend(
            r.address_lines
                .iter()
                .map(|s| s.trim().to_string())
                .filter(|s| !s.is_empty()),
        );
        if r.country == crate::domain::Country::GB {
            address.push(r.city.trim().to_uppercase());
            address.push(r.postal_code.trim().to_uppercase());
        } else {
            address.push(
                format!("{} {}", r.postal_code.trim(), r.city.trim())
                    .trim()
                    .to_string(),
            );
        }
        if r.country != l.sender.country {
            address.push(format::country_line(r.country, lang));
        }
        let room = window.top_mm + window.height_mm - first_baseline;
        let max_lines = (room / 4.2) as usize + 1;
        for (i, line) in address
            .iter()
            .filter(|s| !s.is_empty())
            .take(max_lines)
            .enumerate()
        {
            let line = self
                .faces
                .clip(Face::Regular, line, BODY_SIZE, window.width_mm - 2.0);
            self.text_at(
                window.left_mm,
                first_baseline + 4.2 * i as f32,
                &line,
                Face::Regular,
                BODY_SIZE,
                Align::Left,
                BLACK,
            );
        }

        // Date and customer number: beside a left window, or on the left under a right one.
        let (info_x, info_y) = if france {
            (LEFT, 60.0)
        } else {
            (RIGHT_COLUMN, 66.2)
        };
        let info = [
            (w.date, format::long_date(l.date, lang)),
            (w.customer_number, l.customer_number.clone()),
        ];
        let label_width = info
            .iter()
            .map(|(label, _)| self.faces.width(Face::Regular, label, 8.0))
            .fold(0.0, f32::max)
            + 3.0;
        for (i, (label, value)) in info.iter().enumerate() {
            let y = info_y + 4.8 * i as f32;
            self.text_at(info_x, y, label, Face::Regular, 8.0, Align::Left, GREY);
            self.text_at(
                info_x + label_width,
                y,
                value,
                Face::Regular,
                BODY_SIZE,
                Align::Left,
                BLACK,
            );
        }

        // Fold marks (DIN 5008: 105 and 210 mm for form B; thirds for the French DL) and the
        // punch mark.
        let folds: [f32; 3] = if france {
            [99.0, 148.5, 198.0]
        } else {
            [105.0, 148.5, 210.0]
        };
        for (i, y) in folds.into_iter().enumerate() {
            let length = if i == 1 { 6.0 } else { 4.0 };
            self.rule(3.0, 3.0 + length, y, 0.4, 0.5);
        }

        self.y = 98.0;
    }

    /// The subject, opening and body (`before_table`), or the closing.
    fn text_blocks(&mut self, totals: &Totals, before_table: bool) {
        let l = self.letter;
        let value = |name: &str| l.placeholder(name, totals);
        if before_table {
            let subject = template::fill(&l.template.subject, value);
            for line in self.faces.wrap(Face::Bold, &subject, 11.0, RIGHT - LEFT) {
                self.ensure(5.4);
                self.text_at(
                    LEFT,
                    self.y + 4.2,
                    &line,
                    Face::Bold,
                    11.0,
                    Align::Left,
                    BLACK,
                );
                self.y += 5.4;
            }
            self.y += 5.0;
            let opening = template::fill(&l.template.opening, value);
            self.paragraphs(&opening);
            let body = template::fill(&l.template.body, value);
            self.paragraphs(&body);
            self.y += 1.0;
        } else {
            let closing = template::fill(&l.template.closing, value);
            self.y += 2.0;
            // The last paragraph (the complimentary close) stays with the signature.
            let paragraphs: Vec<&str> = closing
                .split("\n\n")
                .map(str::trim)
                .filter(|p| !p.is_empty())
                .collect();
            if let Some((last, first)) = paragraphs.split_last() {
                self.paragraphs(&first.join("\n\n"));
                let lines = self
                    .faces
                    .wrap(Face::Regular, last, BODY_SIZE, RIGHT - LEFT)
                    .len();
                // (+ the gap after the paragraph)
                self.ensure(BODY_LINE * lines as f32 + 2.0 + self.signature_height());
                self.paragraphs(last);
            }
        }
    }

    fn paragraphs(&mut self, text: &str) {
        for paragraph in text.split("\n\n").map(str::trim).filter(|p| !p.is_empty()) {
            let lines = self
                .faces
                .wrap(Face::Regular, paragraph, BODY_SIZE, RIGHT - LEFT);
            // Keep two-line paragraphs together; longer ones may break after two lines.
            self.ensure(BODY_LINE * lines.len().min(2) as f32);
            for line in lines {
                self.ensure(BODY_LINE);
                self.text_at(
                    LEFT,
                    self.y + 3.6,
                    &line,
                    Face::Regular,
                    BODY_SIZE,
                    Align::Left,
                    BLACK,
                );
                self.y += BODY_LINE;
            }
            self.y += 2.0;
        }
    }

    // Table columns: invoice (left), issue and due date (left), days late and amount (right).
    const COL_ISSUED: f32 = 72.0;
    const COL_DUE: f32 = 96.0;
    const COL_DAYS: f32 = 152.0;

    fn table_head(&mut self) {
        let w = self.words;
        let baseline = self.y + 3.8;
        self.text_at(
            LEFT,
            baseline,
            w.col_invoice,
            Face::Bold,
            TABLE_SIZE,
            Align::Left,
            BLACK,
        );
        self.text_at(
            Self::COL_ISSUED,
            baseline,
            w.col_issued,
            Face::Bold,
            TABLE_SIZE,
            Align::Left,
            BLACK,
        );
        self.text_at(
            Self::COL_DUE,
            baseline,
            w.col_due,
            Face::Bold,
            TABLE_SIZE,
            Align::Left,
            BLACK,
        );
        self.text_at(
            Self::COL_DAYS,
            baseline,
            w.col_days,
            Face::Bold,
            TABLE_SIZE,
            Align::Right,
            BLACK,
        );
        self.text_at(
            RIGHT,
            baseline,
            w.col_open,
            Face::Bold,
            TABLE_SIZE,
            Align::Right,
            BLACK,
        );
        self.rule(LEFT, RIGHT, self.y + ROW, 0.7, BLACK);
        self.y += ROW + 0.6;
    }

    fn table(&mut self) {
        let l = self.letter;
        let lang = l.language;
        // The head and at least two rows together.
        self.ensure(ROW * 3.0 + 1.0);
        self.table_head();
        for (i, item) in l.items.iter().enumerate() {
            if self.ensure(ROW) {
                self.table_head();
            }
            if i % 2 == 1 {
                self.ops.push(Op::SetFillColor {
                    col: Color::Greyscale(Greyscale::new(0.94, None)),
                });
                self.fill(LEFT - 1.0, self.y, RIGHT - LEFT + 2.0, ROW);
                self.ops.push(Op::SetFillColor {
                    col: Color::Greyscale(Greyscale::new(BLACK, None)),
                });
            }
            let baseline = self.y + 3.5;
            let number = self.faces.clip(
                Face::Regular,
                &item.number,
                TABLE_SIZE,
                Self::COL_ISSUED - LEFT - 3.0,
            );
            self.text_at(
                LEFT,
                baseline,
                &number,
                Face::Regular,
                TABLE_SIZE,
                Align::Left,
                BLACK,
            );
            self.text_at(
                Self::COL_ISSUED,
                baseline,
                &format::short_date(item.issue_date, lang),
                Face::Regular,
                TABLE_SIZE,
                Align::Left,
                BLACK,
            );
            self.text_at(
                Self::COL_DUE,
                baseline,
                &format::short_date(item.due_date, lang),
                Face::Regular,
                TABLE_SIZE,
                Align::Left,
                BLACK,
            );
            let days = if item.days_late < 0 {
                self.words.not_due.to_string()
            } else {
                item.days_late.to_string()
            };
            let grey = if item.days_late < 0 { GREY } else { BLACK };
            self.text_at(
                Self::COL_DAYS,
                baseline,
                &days,
                Face::Regular,
                TABLE_SIZE,
                Align::Right,
                grey,
            );
            self.text_at(
                RIGHT,
                baseline,
                &format::money(&item.open, lang),
                Face::Regular,
                TABLE_SIZE,
                Align::Right,
                BLACK,
            );
            self.y += ROW;
        }
        self.rule(LEFT, RIGHT, self.y + 0.3, 0.4, BLACK);
        self.y += 1.5;
    }

    fn totals(&mut self, totals: &Totals) {
        let w = self.words;
        let lang = self.letter.language;
        let mut lines = vec![(w.total_open, totals.open, false)];
        for (label, extra) in [
            (w.interest, totals.interest),
            (w.compensation, totals.compensation),
            (w.fee, totals.fee),
        ] {
            if let Some(m) = extra {
                lines.push((label, m, false));
            }
        }
        let only_open = lines.len() == 1;
        if !only_open {
            lines.push((w.to_pay, totals.to_pay, true));
        } else {
            lines[0] = (w.to_pay, totals.to_pay, true);
        }
        self.ensure(ROW * lines.len() as f32 + 3.0);
        for (label, amount, strong) in lines {
            let face = if strong { Face::Bold } else { Face::Regular };
            if strong && !only_open {
                self.rule(Self::COL_DUE, RIGHT, self.y + 0.3, 0.6, BLACK);
                self.y += 0.8;
            }
            let baseline = self.y + 3.8;
            self.text_at(
                Self::COL_DAYS,
                baseline,
                label,
                face,
                TABLE_SIZE,
                Align::Right,
                BLACK,
            );
            self.text_at(
                RIGHT,
                baseline,
                &format::money(&amount, lang),
                face,
                TABLE_SIZE,
                Align::Right,
                BLACK,
            );
            self.y += ROW;
        }
        self.y += 3.5;
    }

    /// IBAN, BIC, reference and amount; the EPC QR code on the right for euro letters.
    fn payment(&mut self, totals: &Totals, qr: Option<&QrCode>) {
        const QR_SIZE: f32 = 28.0;
        let l = self.letter;
        let w = self.words;
        let rows: Vec<(&str, String)> = [
            (w.beneficiary, l.sender.name.trim().to_string()),
            ("IBAN", format::grouped_by_four(&l.sender.iban)),
            ("BIC", l.sender.bic.trim().to_uppercase()),
            (w.reference, l.payment_reference.printed()),
            (w.amount, format::money(&totals.to_pay, l.language)),
        ]
        .into_iter()
        .filter(|(_, v)| !v.is_empty())
        .collect();
        let text_height = 6.0 + ROW * rows.len() as f32;
        let height = if qr.is_some() {
            text_height.max(QR_SIZE + 5.0)
        } else {
            text_height
        };
        self.ensure(height + 2.0);
        let top = self.y;
        self.text_at(
            LEFT,
            self.y + 3.8,
            w.payment,
            Face::Bold,
            BODY_SIZE,
            Align::Left,
            BLACK,
        );
        self.y += 6.0;
        let label_width = rows
            .iter()
            .map(|(label, _)| self.faces.width(Face::Regular, label, TABLE_SIZE))
            .fold(0.0, f32::max)
            + 4.0;
        let value_room = if qr.is_some() {
            RIGHT - QR_SIZE - 6.0
        } else {
            RIGHT
        } - LEFT
            - label_width;
        for (label, value) in &rows {
            let baseline = self.y + 3.5;
            let face = if *label == w.reference || *label == w.amount {
                Face::Bold
            } else {
                Face::Regular
            };
            let value = self.faces.clip(face, value, TABLE_SIZE, value_room);
            self.text_at(
                LEFT,
                baseline,
                label,
                Face::Regular,
                TABLE_SIZE,
                Align::Left,
                GREY,
            );
            self.text_at(
                LEFT + label_width,
                baseline,
                &value,
                face,
                TABLE_SIZE,
                Align::Left,
                BLACK,
            );
            self.y += ROW;
        }
        if let Some(code) = qr {
            self.qr(code, RIGHT - QR_SIZE, top, QR_SIZE);
            self.text_at(
                RIGHT - QR_SIZE / 2.0,
                top + QR_SIZE + 3.0,
                w.scan,
                Face::Regular,
                SMALL,
                Align::Center,
                GREY,
            );
        }
        self.y = top + height + 2.0;
    }

    /// The QR code as filled squares (one rectangle per run of dark modules in a row), with
    /// the 4-module quiet zone inside `size`.
    fn qr(&mut self, code: &QrCode, x: f32, y: f32, size: f32) {
        let modules = code.width();
        let module = size / (modules + 8) as f32;
        let colors = code.to_colors();
        for row in 0..modules {
            let mut col = 0;
            while col < modules {
                if colors[row * modules + col] == qrcode::Color::Dark {
                    let start = col;
                    while col < modules && colors[row * modules + col] == qrcode::Color::Dark {
                        col += 1;
                    }
                    self.fill(
                        x + module * (4 + start) as f32,
                        y + module * (4 + row) as f32,
                        module * (col - start) as f32,
                        // A hair taller than a module so rows touch without seams.
                        module * 1.02,
                    );
                } else {
                    col += 1;
                }
            }
        }
    }

    fn signature_lines(&self) -> usize {
        self.letter
            .sender
            .signature
            .lines()
            .filter(|s| !s.trim().is_empty())
            .count()
            .max(1)
    }

    fn signature_height(&self) -> f32 {
        SIGNATURE_SPACE + BODY_LINE * self.signature_lines() as f32
    }

    fn signature(&mut self) {
        let l = self.letter;
        let mut lines: Vec<&str> = l
            .sender
            .signature
            .lines()
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .collect();
        if lines.is_empty() {
            lines.push(l.sender.name.trim());
        }
        self.ensure(SIGNATURE_SPACE + BODY_LINE * lines.len() as f32);
        self.y += SIGNATURE_SPACE;
        for line in lines {
            self.text_at(
                LEFT,
                self.y + 3.6,
                line,
                Face::Regular,
                BODY_SIZE,
                Align::Left,
                BLACK,
            );
            self.y += BODY_LINE;
        }
    }

    /// Closes the last page, adds the footer and "Page n/N" to every page.
    fn finish(mut self) -> Vec<PdfPage> {
        self.pages.push(std::mem::take(&mut self.ops));
        let count = self.pages.len();
        let l = self.letter;
        let mut footer = vec![l.sender.name.trim().to_string()];
        if !l.sender.vat_number.trim().is_empty() {
            footer.push(format!("{} {}", self.words.vat, l.sender.vat_number.trim()));
        }
        if !l.sender.iban.trim().is_empty() {
            footer.push(format!("IBAN {}", format::grouped_by_four(&l.sender.iban)));
        }
        let footer = self
            .faces
            .clip(Face::Regular, &footer.join(" · "), SMALL, 140.0);
        let pages = std::mem::take(&mut self.pages);
        pages
            .into_iter()
            .enumerate()
            .map(|(i, ops)| {
                self.ops = ops;
                self.rule(LEFT, RIGHT, 280.0, 0.3, 0.6);
                self.text_at(
                    LEFT,
                    284.5,
                    &footer,
                    Face::Regular,
                    SMALL,
                    Align::Left,
                    GREY,
                );
                let number = format!("{} {}/{}", self.words.page, i + 1, count);
                self.text_at(
                    RIGHT,
                    284.5,
                    &number,
                    Face::Regular,
                    SMALL,
                    Align::Right,
                    GREY,
                );
                PdfPage::new(Mm(PAGE_W), Mm(PAGE_H), std::mem::take(&mut self.ops))
            })
            .collect()
    }
}
