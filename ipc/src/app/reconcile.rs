//! Command bodies of bank statements and reconciliation: import a statement, list entries, run
//! the matching, and act on one entry (accept, reject, split by hand, undo).

use chrono::NaiveDate;
use creditdesk::domain::{BankEntryId, CustomerId};
use creditdesk::money::Money;
use creditdesk::reconcile::{self, Confirmations, MatchSettings, Suggestion};
use creditdesk::store::{EntryFilter, Store};

use super::App;
use crate::error::ApiResult;
use crate::reconcile_types::*;

/// The most entries one page lists.
const MAX_PAGE: u32 = 500;

async fn customer_ref(store: &Store, id: Option<CustomerId>) -> ApiResult<Option<CustomerRefDto>> {
    Ok(match id {
        Some(id) => {
            let c = store.customer(id).await?;
            Some(CustomerRefDto {
                id: id.0 as u32,
                number: c.details.number.to_string(),
                name: c.details.name.clone(),
            })
        }
        None => None,
    })
}

async fn entry_dto(
    store: &Store,
    entry: &creditdesk::domain::BankEntry,
) -> ApiResult<BankEntryDto> {
    let suggestion: Option<Suggestion> = reconcile::suggestion(store, entry.id).await?;
    let (dto, iban_known) = match &suggestion {
        Some(s) => {
            let customer = customer_ref(store, s.customer_id).await?;
            let known = match s.customer_id {
                Some(id) => store
                    .customer(id)
                    .await?
                    .details
                    .ibans
                    .contains(&entry.payer_iban),
                None => false,
            };
            (Some(SuggestionDto::new(s, customer)), known)
        }
        None => (None, false),
    };
    let allocations = store.entry_allocations(entry.id).await?;
    Ok(BankEntryDto::new(entry, dto, &allocations, iban_known))
}

impl App {
    /// Imports the statement file at `path` (chosen in the native dialog).
    pub async fn import_statement(
        &self,
        path: String,
        today: NaiveDate,
    ) -> ApiResult<StatementImportDto> {
        let store = self.store().await?;
        let bytes = tokio::fs::read(&path).await.map_err(|e| {
            creditdesk::Error::invalid(format!("{path}: cannot read the file: {e}"))
        })?;
        let name = std::path::Path::new(&path)
            .file_name()
            .map_or_else(|| path.clone(), |n| n.to_string_lossy().into_owned());
        let done = creditdesk::bank::import_statement(&store, &name, &bytes, None, today).await?;
        Ok(StatementImportDto::new(&name, &done))
    }

    pub async fn bank_entries(&self, request: BankEntriesRequest) -> ApiResult<BankEntriesDto> {
        let store = self.store().await?;
        let filter = EntryFilter {
            statuses: request.statuses.into_iter().map(Into::into).collect(),
            offset: request.offset,
            limit: request.limit.clamp(1, MAX_PAGE),
        };
        let mut entries = Vec::new();
        for entry in store.bank_entries(&filter).await? {
            entries.push(entry_dto(&store, &entry).await?);
        }
        let counts = store
            .bank_entry_counts()
            .await?
            .into_iter()
            .map(|(status, count)| StatusCountDto {
                status: status.into(),
                count: count as u32,
            })
            .collect();
        Ok(BankEntriesDto { counts, entries })
    }

    /// Matches every entry waiting, with the saved settings.
    pub async fn reconcile(&self, today: NaiveDate) -> ApiResult<ReconcileRunDto> {
        let store = self.store().await?;
        let settings = store.match_settings().await?;
        let outcomes = reconcile::run(&store, &settings, today).await?;
        let count = |status: creditdesk::domain::EntryStatus| {
            outcomes.iter().filter(|o| o.status == status).count() as u32
        };
        use creditdesk::domain::EntryStatus as S;
        Ok(ReconcileRunDto {
            considered: outcomes.len() as u32,
            auto: count(S::Auto),
            suggested: count(S::Suggested),
            unmatched: count(S::Unmatched),
        })
    }

    async fn entry_now(&self, id: BankEntryId) -> ApiResult<BankEntryDto> {
        let store = self.store().await?;
        let entry = store
            .bank_entry(id)
            .await?
            .ok_or_else(|| creditdesk::Error::not_found(format!("no bank entry with id {id}")))?;
        entry_dto(&store, &entry).await
    }

    pub async fn accept_match(
        &self,
        entry_id: u32,
        remember_iban: bool,
        today: NaiveDate,
    ) -> ApiResult<BankEntryDto> {
        let store = self.store().await?;
        let id = BankEntryId(i64::from(entry_id));
        reconcile::accept(&store, id, Confirmations { remember_iban }, today).await?;
        self.entry_now(id).await
    }

    pub async fn reject_match(&self, entry_id: u32, today: NaiveDate) -> ApiResult<BankEntryDto> {
        let store = self.store().await?;
        let id = BankEntryId(i64::from(entry_id));
        reconcile::reject(&store, id, today).await?;
        self.entry_now(id).await
    }

    pub async fn split_entry(
        &self,
        request: SplitRequest,
        today: NaiveDate,
    ) -> ApiResult<BankEntryDto> {
        let store = self.store().await?;
        let id = BankEntryId(i64::from(request.entry_id));
        let entry = store
            .bank_entry(id)
            .await?
            .ok_or_else(|| creditdesk::Error::not_found(format!("no bank entry with id {id}")))?;
        let parts = request
            .parts
            .iter()
            .map(|p| {
                let amount = creditdesk::interest::parse_amount(&p.amount, entry.amount.currency)?;
                Ok((p.invoice.trim().to_string(), amount))
            })
            .collect::<creditdesk::Result<Vec<(String, Money)>>>()?;
        reconcile::split(
            &store,
            id,
            &parts,
            Confirmations {
                remember_iban: request.remember_iban,
            },
            today,
        )
        .await?;
        self.entry_now(id).await
    }

    pub async fn undo_match(&self, entry_id: u32, today: NaiveDate) -> ApiResult<BankEntryDto> {
        let store = self.store().await?;
        let id = BankEntryId(i64::from(entry_id));
        reconcile::undo(&store, id, today).await?;
        self.entry_now(id).await
    }

    pub async fn open_items(&self, request: OpenItemsRequest) -> ApiResult<Vec<OpenItemDto>> {
        let store = self.store().await?;
        let found = store
            .search_open_items(
                request.customer_id.map(|c| CustomerId(i64::from(c))),
                &request.text,
                50,
            )
            .await?;
        Ok(found.iter().map(Into::into).collect())
    }

    pub async fn match_settings(&self) -> ApiResult<MatchSettingsDto> {
        let store = self.store().await?;
        Ok((&store.match_settings().await?).into())
    }

    pub async fn save_match_settings(
        &self,
        settings: MatchSettingsDto,
    ) -> ApiResult<MatchSettingsDto> {
        let store = self.store().await?;
        let parsed = MatchSettings {
            auto_threshold: settings.auto_threshold.trim().parse().map_err(|_| {
                creditdesk::Error::invalid(format!(
                    "'{}' is not a threshold: a number between 0.8 and 1",
                    settings.auto_threshold
                ))
            })?,
            fee_tolerance: settings.fee_tolerance.trim().parse().map_err(|_| {
                creditdesk::Error::invalid(format!("'{}' is not an amount", settings.fee_tolerance))
            })?,
            ..store.match_settings().await?
        };
        store.save_match_settings(&parsed).await?;
        self.match_settings().await
    }
}
