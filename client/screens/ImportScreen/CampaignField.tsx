/** The campaign an import step writes into: a select of every campaign, by id. */
export function CampaignField({
  label = "Campaign",
  campaigns,
  value,
  onChange,
}: {
  label?: string;
  campaigns: ReadonlyArray<{ id: number; name: string }> | undefined;
  value: number | undefined;
  onChange: (campaignId: number) => void;
}) {
  return (
    <label className="field">
      {label}
      <select value={value ?? ""} onChange={(event) => onChange(Number(event.target.value))}>
        {(campaigns ?? []).map((entry) => (
          <option key={entry.id} value={entry.id}>
            {entry.name}
          </option>
        ))}
      </select>
    </label>
  );
}
