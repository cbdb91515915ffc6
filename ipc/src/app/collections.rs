//! Command bodies of collections: profile and segment, policies, worklist, dunning runs, stops.

use chrono::{DateTime, NaiveDate, Utc};
use creditdesk::collections::segment::{ManualSegment, Segment};
use creditdesk::collections::{self, run, worklist};
use creditdesk::domain::{CustomerId, InvoiceId};

use super::{App, as_of};
use crate::collections_types::*;
use crate::error::ApiResult;

impl App {
    pub async fn customer_profile(
        &self,
        customer_id: u32,
        as_of: NaiveDate,
    ) -> ApiResult<ProfileDto> {
        let store = self.store().await?;
        let (profile, segment) =
            collections::customer_profile(&store, CustomerId(i64::from(customer_id)), as_of)
                .await?;
        Ok(ProfileDto::new(&profile, &segment))
    }

    pub async fn set_segment(
        &self,
        request: SetSegmentRequest,
        today: NaiveDate,
    ) -> ApiResult<ProfileDto> {
        let store = self.store().await?;
        let customer = CustomerId(i64::from(request.customer_id));
        let manual = request.segment.map(|segment| ManualSegment {
            segment: segment.into(),
            note: request.note.clone(),
            set_on: today,
        });
        store
            .set_segment_override(customer, manual.as_ref())
            .await?;
        self.customer_profile(request.customer_id, today).await
    }

    pub async fn segment_totals(&self, as_of: NaiveDate) -> ApiResult<Vec<SegmentTotalDto>> {
        let store = self.store().await?;
        Ok(collections::segment_totals(&store, as_of)
            .await?
            .iter()
            .map(Into::into)
            .collect())
    }

    pub async fn dunning_policies(&self) -> ApiResult<Vec<DunningPolicyDto>> {
        let store = self.store().await?;
        Ok(store
            .dunning_policies()
            .await?
            .iter()
            .map(Into::into)
            .collect())
    }

    pub async fn save_dunning_policy(
        &self,
        policy: DunningPolicyDto,
    ) -> ApiResult<DunningPolicyDto> {
        let store = self.store().await?;
        Ok((&store.save_dunning_policy(policy.to_core()?).await?).into())
    }

    pub async fn reset_dunning_policy(&self, segment: SegmentDto) -> ApiResult<DunningPolicyDto> {
        let store = self.store().await?;
        Ok((&store.reset_dunning_policy(Segment::from(segment)).await?).into())
    }

    pub async fn worklist(&self, as_of: NaiveDate) -> ApiResult<WorklistDto> {
        let store = self.store().await?;
        Ok((&worklist::worklist(&store, as_of).await?).into())
    }

    /// Does what the user reviewed and approved, as the entries stand now: letters written
    /// under the data directory (`letters/<day>/`), e-mails queued, every step on the timeline.
    pub async fn run_dunning(
        &self,
        request: DunningRunRequest,
        today: NaiveDate,
        now: DateTime<Utc>,
    ) -> ApiResult<DunningRunDto> {
        let store = self.store().await?;
        let day = as_of(request.as_of.as_deref(), today)?;
        let customers: Vec<CustomerId> = request
            .customer_ids
            .iter()
            .map(|id| CustomerId(i64::from(*id)))
            .collect();
        let entries = run::approved_entries(&store, day, &customers).await?;
        let dir = super::mail::letters_dir(&self.data_dir, day);
        let outcome = run::execute(&store, day, &entries, &dir, now).await?;
        let path = |p: &std::path::Path| p.to_string_lossy().into_owned();
        Ok(DunningRunDto {
            done: outcome.done.iter().map(Into::into).collect(),
            letters: outcome.letters.iter().map(|p| path(p)).collect(),
            batch_pdf: outcome.batch.as_deref().map(path),
            emails_queued: outcome.emails_queued,
        })
    }

    pub async fn stop_dunning(
        &self,
        request: StopDunningRequest,
        today: NaiveDate,
    ) -> ApiResult<DunningStopDto> {
        let store = self.store().await?;
        let stop = store
            .stop_dunning(
                CustomerId(i64::from(request.customer_id)),
                request.invoice_id.map(|i| InvoiceId(i64::from(i))),
                today,
                &request.reason,
            )
            .await?;
        Ok((&stop).into())
    }

    pub async fn lift_dunning_stop(&self, stop_id: u32, today: NaiveDate) -> ApiResult<()> {
        let store = self.store().await?;
        store.lift_dunning_stop(i64::from(stop_id), today).await?;
        Ok(())
    }

    pub async fn dunning_stops(
        &self,
        customer_id: u32,
        as_of: NaiveDate,
    ) -> ApiResult<Vec<DunningStopDto>> {
        let store = self.store().await?;
        Ok(store
            .dunning_stops(Some(CustomerId(i64::from(customer_id))), as_of)
            .await?
            .iter()
            .map(Into::into)
            .collect())
    }
}
