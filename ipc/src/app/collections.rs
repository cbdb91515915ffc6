//! Command bodies of collections: profile and segment, policies, worklist, dunning runs, stops.

use chrono::NaiveDate;
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

    /// Does what the user reviewed and approved: the entries as they stand now are recorded
    /// on the timeline, one transaction for the run.
    pub async fn run_dunning(
        &self,
        request: DunningRunRequest,
        today: NaiveDate,
    ) -> ApiResult<DunningRunDto> {
        let store = self.store().await?;
        let day = as_of(request.as_of.as_deref(), today)?;
        let customers: Vec<CustomerId> = request
            .customer_ids
            .iter()
            .map(|id| CustomerId(i64::from(*id)))
            .collect();
        let entries = run::approved_entries(&store, day, &customers).await?;
        let done = run::record_done(&store, day, &entries).await?;
        Ok(DunningRunDto {
            done: done.iter().map(Into::into).collect(),
            letters: Vec::new(),
            batch_pdf: None,
            emails_queued: 0,
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
