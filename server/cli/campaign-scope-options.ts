/** The scope flags of `campaign add` and `campaign scope`, as commander hands them over. */
export interface CampaignScopeOptions {
  state?: string;
  county?: string;
  body?: string;
  count?: string;
}
