//! The `import_mappings` table: the column mapping a user gave for a layout of file, kept so
//! the next export of the same layout imports without asking again.

use sqlx::Row;

use crate::error::Result;

/// Mappings are stored one `field<TAB>column` pair per line: header texts hold neither.
fn encode(mapping: &[(String, String)]) -> String {
    mapping
        .iter()
        .map(|(field, column)| format!("{field}\t{column}\n"))
        .collect()
}

fn decode(text: &str) -> Vec<(String, String)> {
    text.lines()
        .filter_map(|line| line.split_once('\t'))
        .map(|(field, column)| (field.to_string(), column.to_string()))
        .collect()
}

impl super::Store {
    /// The mapping remembered for files of `kind` whose header line is `source`.
    pub async fn saved_mapping(
        &self,
        kind: &str,
        source: &str,
    ) -> Result<Option<Vec<(String, String)>>> {
        let row = sqlx::query("SELECT mapping FROM import_mappings WHERE kind = ? AND source = ?")
            .bind(kind)
            .bind(source)
            .fetch_optional(self.pool())
            .await?;
        Ok(row
            .map(|r| r.try_get::<String, _>("mapping"))
            .transpose()?
            .map(|text| decode(&text)))
    }
}

impl super::Writer {
    /// Remembers `mapping` for files of `kind` whose header line is `source`.
    pub async fn save_mapping(
        &mut self,
        kind: &str,
        source: &str,
        mapping: &[(String, String)],
    ) -> Result<()> {
        sqlx::query(
            "INSERT INTO import_mappings (kind, source, mapping) VALUES (?, ?, ?)
             ON CONFLICT (kind, source) DO UPDATE SET mapping = excluded.mapping",
        )
        .bind(kind)
        .bind(source)
        .bind(encode(mapping))
        .execute(self.transaction())
        .await?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mappings_round_trip() {
        let mapping = vec![
            ("amount".to_string(), "Gross total".to_string()),
            ("due_date".into(), "Expiry".into()),
        ];
        assert_eq!(decode(&encode(&mapping)), mapping);
    }
}
