//! The command bodies the desktop shell calls, one function per command, each translating
//! transport types to core calls and back. They hold the open database; they hold no rule.
//! Testable without a window (see tests/).

mod interest;

use std::future::Future;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use chrono::NaiveDate;
use creditdesk::domain::{CustomerId, InteractionDraft, InvoiceId};
use creditdesk::keys::KeySource;
use creditdesk::money::Money;
use creditdesk::session::{self, Setup};
use creditdesk::store::{Store, TimelineQuery};
use creditdesk::{demo, portfolio};
use tokio::sync::RwLock;
use zeroize::Zeroizing;

mod collections;
mod forecast;
mod kpi;
mod mail;
mod reconcile;

use crate::error::{ApiError, ApiResult};
use crate::import_types::*;
use crate::types::*;

/// The app's state: where its data lives, and the database once open.
pub struct App {
    data_dir: PathBuf,
    /// Where a new database keeps its key: the OS keychain, unless a test says otherwise.
    new_key_source: KeySource,
    /// The open database. Held for writing while it opens, so commands arriving meanwhile wait.
    store: Arc<RwLock<Option<Store>>>,
}

fn parse_date(text: &str, what: &str) -> ApiResult<NaiveDate> {
    NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d").map_err(|_| {
        creditdesk::Error::invalid(format!("{what}: '{text}' is not a date (YYYY-MM-DD)")).into()
    })
}

/// The day a command asks about: the given `YYYY-MM-DD`, or `today` when none is given.
pub fn as_of(text: Option<&str>, today: NaiveDate) -> ApiResult<NaiveDate> {
    match text.map(str::trim).filter(|t| !t.is_empty()) {
        Some(text) => parse_date(text, "as of"),
        None => Ok(today),
    }
}

/// Runs blocking work (keychain IPC, key derivation) off the async workers.
async fn blocking<T: Send + 'static>(
    work: impl FnOnce() -> creditdesk::Result<T> + Send + 'static,
) -> ApiResult<T> {
    tokio::task::spawn_blocking(work)
        .await
        .map_err(|e| {
            ApiError::from(creditdesk::Error::internal(format!(
                "background task failed: {e}"
            )))
        })?
        .map_err(Into::into)
}

impl App {
    pub fn new(data_dir: &Path) -> App {
        Self::with_key_source(data_dir, KeySource::Keychain)
    }

    /// An app whose keychain-kept keys come from `source` instead (tests, fixtures).
    pub fn with_key_source(data_dir: &Path, source: KeySource) -> App {
        App {
            data_dir: data_dir.to_path_buf(),
            new_key_source: source,
            store: Arc::new(RwLock::new(None)),
        }
    }

    /// The open database, or `not_ready`.
    async fn store(&self) -> ApiResult<Store> {
        self.store
            .read()
            .await
            .clone()
            .ok_or_else(ApiError::not_ready)
    }

    /// Opening the database at start, when its key is in the keychain, as a task to spawn: the
    /// window loads meanwhile, and commands wait for the opening to finish (it holds the
    /// store's lock from the moment this is called). A failure shows on the start screen,
    /// which then asks for what is missing.
    pub fn open_at_start(&self) -> impl Future<Output = ()> + Send + 'static {
        let held = self.store.clone().try_write_owned();
        let db = session::database_path(&self.data_dir);
        let ready = session::setup(&self.data_dir) == Setup::Ready;
        let dir = self.data_dir.clone();
        let source = self.new_key_source.clone();
        async move {
            let Ok(mut store) = held else { return };
            if store.is_some() || !ready {
                return;
            }
            let key = blocking(move || session::existing_key(&dir, &source)).await;
            if let Ok(key) = key
                && let Ok(opened) = Store::open(&db, &key).await
            {
                *store = Some(opened);
            }
        }
    }

    pub async fn status(&self) -> ApiResult<AppStatusDto> {
        let open = self.store.read().await.clone();
        let on_disk = session::setup(&self.data_dir);
        let setup = match (&open, on_disk) {
            (Some(_), _) => SetupDto::Ready,
            (None, Setup::NeedsDatabase) => SetupDto::NeedsDatabase,
            // A keychain database that is not open yet is opened by `open_at_start`; if that
            // failed, the user is asked as for a passphrase database.
            (None, _) => SetupDto::NeedsPassphrase,
        };
        let passphrase_protected = on_disk == Setup::NeedsPassphrase;
        // Asking the keychain is a round trip to another process: done only where it decides
        // something, at first start. An open keychain database proves it answers.
        let keychain_available = match setup {
            SetupDto::NeedsDatabase => blocking(|| Ok(session::keychain_available())).await?,
            _ => !passphrase_protected,
        };
        let (empty, company_name, idle_lock_minutes) = match &open {
            Some(store) => (
                store.status().await?.customers == 0,
                store.company().await?.name,
                if passphrase_protected {
                    store.preferences().await?.idle_lock_minutes
                } else {
                    0
                },
            ),
            None => (true, String::new(), 0),
        };
        Ok(AppStatusDto {
            setup,
            data_dir: self.data_dir.display().to_string(),
            database_path: session::database_path(&self.data_dir).display().to_string(),
            keychain_available,
            empty,
            company_name,
            passphrase_protected,
            idle_lock_minutes,
        })
    }

    /// First start: creates the encrypted database, its key in the keychain, or derived from
    /// `passphrase` when one is given.
    pub async fn create_database(&self, passphrase: Option<String>) -> ApiResult<AppStatusDto> {
        let source = match passphrase {
            Some(p) => KeySource::Passphrase(Zeroizing::new(p)),
            None => self.new_key_source.clone(),
        };
        let dir = self.data_dir.clone();
        let key_source = source.clone();
        let (_, key) = blocking(move || session::new_key(&dir, &key_source)).await?;
        let company = creditdesk::domain::Company::placeholder(
            creditdesk::domain::Country::BE,
            creditdesk::money::Currency::EUR,
        );
        let store = session::create(&self.data_dir, &source, &key, &company).await?;
        *self.store.write().await = Some(store);
        self.status().await
    }

    /// Opens a passphrase-protected database.
    pub async fn unlock(&self, passphrase: String) -> ApiResult<AppStatusDto> {
        let dir = self.data_dir.clone();
        let source = KeySource::Passphrase(Zeroizing::new(passphrase));
        let key = blocking(move || session::existing_key(&dir, &source)).await?;
        let store = Store::open(&session::database_path(&self.data_dir), &key).await?;
        *self.store.write().await = Some(store);
        self.status().await
    }

    /// Fills the new, empty database with the demo company, as of `today`.
    pub async fn load_demo(&self, today: NaiveDate) -> ApiResult<DemoSummaryDto> {
        let store = self.store().await?;
        if store.status().await?.customers > 0 {
            return Err(creditdesk::Error::new(
                creditdesk::ErrorCode::Conflict,
                "the database already holds customers",
            )
            .into());
        }
        store.save_company(&demo::company()).await?;
        let summary =
            demo::populate(&store, &demo::DemoOptions::new(today), &mut |_, _| {}).await?;
        let n = |v: usize| u32::try_from(v).unwrap_or(u32::MAX);
        Ok(DemoSummaryDto {
            customers: n(summary.customers),
            invoices: n(summary.invoices),
            payments: n(summary.payments),
            interactions: n(summary.interactions),
        })
    }

    pub async fn overview(&self, as_of: NaiveDate) -> ApiResult<OverviewDto> {
        Ok((&portfolio::overview(&self.store().await?, as_of).await?).into())
    }

    pub async fn customers(&self, as_of: NaiveDate) -> ApiResult<Vec<CustomerRowDto>> {
        Ok(self
            .store()
            .await?
            .customer_summaries(as_of)
            .await?
            .iter()
            .map(Into::into)
            .collect())
    }

    pub async fn customer(&self, id: u32, as_of: NaiveDate) -> ApiResult<CustomerDetailDto> {
        let store = self.store().await?;
        let id = CustomerId(i64::from(id));
        let customer = store.customer(id).await?;
        let contacts = store.contacts(id).await?;
        let open = store.open_invoices(id).await?;
        let summary = store.customer_summary(id, as_of).await?;
        Ok(CustomerDetailDto::new(
            &customer,
            &contacts,
            &open,
            &summary.balance,
            &summary.overdue,
            as_of,
        ))
    }

    pub async fn timeline(
        &self,
        request: TimelineRequest,
        as_of: NaiveDate,
    ) -> ApiResult<TimelinePageDto> {
        let query = TimelineQuery {
            as_of,
            kinds: request.kinds.into_iter().map(Into::into).collect(),
            offset: request.offset,
            limit: request.limit.clamp(1, 500),
        };
        let page = self
            .store()
            .await?
            .timeline(CustomerId(i64::from(request.customer_id)), &query)
            .await?;
        Ok((&page).into())
    }

    pub async fn record(&self, request: RecordRequest) -> ApiResult<()> {
        let store = self.store().await?;
        let draft = match request {
            RecordRequest::Note {
                customer_id,
                date,
                text,
            } => InteractionDraft::note(
                CustomerId(customer_id.into()),
                parse_date(&date, "date")?,
                &text,
            )?,
            RecordRequest::Call {
                customer_id,
                date,
                text,
            } => InteractionDraft::call(
                CustomerId(customer_id.into()),
                parse_date(&date, "date")?,
                &text,
            )?,
            RecordRequest::Promise {
                customer_id,
                date,
                amount,
                due,
                text,
            } => {
                let id = CustomerId(customer_id.into());
                let currency = store.customer(id).await?.details.currency;
                let value = amount.trim().replace(',', ".").parse().map_err(|_| {
                    creditdesk::Error::invalid(format!("'{amount}' is not an amount"))
                })?;
                let money = Money::new(value, currency);
                money.to_minor()?;
                InteractionDraft::promise(
                    id,
                    parse_date(&date, "date")?,
                    money,
                    parse_date(&due, "due date")?,
                    &text,
                )?
            }
            RecordRequest::Dispute {
                customer_id,
                date,
                invoice_id,
                reason,
            } => InteractionDraft::dispute(
                CustomerId(customer_id.into()),
                parse_date(&date, "date")?,
                InvoiceId(invoice_id.into()),
                &reason,
            )?,
        };
        store.record_interaction(&draft).await?;
        Ok(())
    }

    pub async fn company(&self) -> ApiResult<CompanyDto> {
        Ok((&self.store().await?.company().await?).into())
    }

    /// Saves the company's details; returns them as kept (IBAN and BIC normalized).
    pub async fn save_company(&self, company: CompanyDto) -> ApiResult<CompanyDto> {
        let store = self.store().await?;
        store.save_company(&company.try_into()?).await?;
        self.company().await
    }

    /// How `request`'s file would be imported, writing nothing.
    pub async fn import_preview(&self, request: ImportRequest) -> ApiResult<ImportPreviewDto> {
        let store = self.store().await?;
        let preview = creditdesk::import::preview(
            &store,
            request.kind.into(),
            Path::new(&request.path),
            &request.options(),
        )
        .await?;
        Ok((&preview).into())
    }

    /// Imports `request`'s file, all or nothing, telling `progress` how far it is.
    pub async fn import_file(
        &self,
        request: ImportRequest,
        progress: &mut (dyn FnMut(ImportProgressDto) + Send),
    ) -> ApiResult<ImportOutcomeDto> {
        let store = self.store().await?;
        let result = creditdesk::import::import_file(
            &store,
            request.kind.into(),
            Path::new(&request.path),
            &request.options(),
            &mut |p| progress(p.into()),
        )
        .await;
        Ok(ImportOutcomeDto::from_result(result)?)
    }

    /// Closes a passphrase-protected database until its passphrase is given again (the
    /// user left the laptop, or asked). A keychain database has nothing to lock: its key
    /// would open it again without asking.
    pub async fn lock(&self) -> ApiResult<AppStatusDto> {
        if session::setup(&self.data_dir) != Setup::NeedsPassphrase {
            return Err(creditdesk::Error::invalid(
                "this database's key is in the system keychain: only a passphrase database locks",
            )
            .into());
        }
        let open = self.store.write().await.take();
        if let Some(store) = open {
            store.close().await;
        }
        self.status().await
    }

    pub async fn preferences(&self) -> ApiResult<PreferencesDto> {
        Ok(self.store().await?.preferences().await?.into())
    }

    pub async fn save_preferences(&self, preferences: PreferencesDto) -> ApiResult<PreferencesDto> {
        let store = self.store().await?;
        store.save_preferences(&preferences.into()).await?;
        Ok(store.preferences().await?.into())
    }

    /// Writes an encrypted copy of the database to `path`, under its own `passphrase`.
    pub async fn backup(&self, path: String, passphrase: String) -> ApiResult<BackupDto> {
        let store = self.store().await?;
        let backup =
            creditdesk::backup::backup(&store, Path::new(&path), Zeroizing::new(passphrase))
                .await?;
        Ok((&backup).into())
    }

    /// Closes the database (at exit): every connection closed, the WAL checkpointed.
    pub async fn close(&self) {
        if let Some(store) = self.store.write().await.take() {
            store.close().await;
        }
    }
}
