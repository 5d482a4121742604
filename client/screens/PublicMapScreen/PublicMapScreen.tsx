import { useEffect } from "react";
import type { PublicCampaign } from "../../../shared/model/public-view";
import { useLiveChanges } from "../../api/live-changes";
import { usePublicCampaigns, usePublicEndorsers, usePublicMapData } from "../../api/map-data";
import { CampaignGate } from "../../components/CampaignGate";
import { MapExportMenu, MapShell, MapViewToggles } from "../../components/MapShell";
import { SearchBox } from "../../components/SearchBox";
import { useAsOfDate, useCampaignId, useCampaignSlug, useContactOpen, useHubsOpen, useSelectedBodyId, useUiActions } from "../../state/hooks";
import { parsePublicPanelParam, type PublicPanel } from "../../state/url-state";
import { ContactLegislatorPanel } from "./ContactLegislatorPanel";
import { HubList } from "./HubList";
import { PublicBodyPanel } from "./PublicBodyPanel";

/**
 * `/public`, `/public/<campaign>` and `/embed?campaign=…`: the read-only map anyone may see.
 * Calls only the `public` procedures; no sign-in, no edit controls. The embed keeps the chrome
 * to a legend, search and a link to the full map.
 */
export function PublicMapScreen({ slug, embed = false }: { slug?: string; embed?: boolean }) {
  const campaigns = usePublicCampaigns();
  const urlSlug = useCampaignSlug();
  const urlId = useCampaignId();
  const wanted = slug ?? urlSlug ?? urlId;
  return (
    <CampaignGate
      campaigns={campaigns}
      pick={(list) => list.find((entry) => entry.slug === wanted || entry.id === wanted) ?? (wanted ? undefined : list[0])}
      loading="Loading the campaign…"
      failureTitle="The map could not reach its server"
      missing={(list) => (
        <>
          <h1>{wanted ? `No campaign “${wanted}”` : "No campaign yet"}</h1>
          {list.length > 0 ? (
            <p>
              Public maps:{" "}
              {list.map((entry, index) => (
                <span key={entry.id}>
                  {index > 0 && ", "}
                  <a href={`/public/${entry.slug}`}>{entry.name}</a>
                </span>
              ))}
            </p>
          ) : (
            <p>Nothing is published here yet.</p>
          )}
        </>
      )}
    >
      {(campaign, list) => <PublicCampaignMap campaign={campaign} campaigns={list} embed={embed} />}
    </CampaignGate>
  );
}

function PublicCampaignMap({ campaign, campaigns, embed }: { campaign: PublicCampaign; campaigns: PublicCampaign[]; embed: boolean }) {
  const asOf = useAsOfDate();
  const data = usePublicMapData(campaign, asOf);
  useLiveChanges(campaign.id);
  const selectedBodyId = useSelectedBodyId();
  const actions = useUiActions();
  const hubsOpen = useHubsOpen();
  const bodies = data.bodies;
  const endorsers = usePublicEndorsers(campaign.id, { enabled: !embed });
  const fullMapUrl = `${window.location.origin}/public/${campaign.slug}${window.location.search}`;
  const contactOpen = useContactOpen();
  // A call to action followed from the embed (`?open=hubs|contact`) opens its panel once, on arrival.
  useEffect(() => {
    const wanted = embed ? null : parsePublicPanelParam(window.location.search);
    if (wanted === "contact") actions.contactToggled();
    if (wanted === "hubs") actions.hubsToggled();
    // eslint-disable-next-line react-hooks/exhaustive-deps -- once, on arrival
  }, []);
  const openPanel = (panel: PublicPanel) => (panel === "contact" ? actions.contactToggled() : actions.hubsToggled());

  return (
    <MapShell
      campaign={campaign}
      data={data}
      className={`public-app${embed ? " is-embed" : ""}`}
      header={(headline) => (
        <header className={`topbar card${embed ? " is-compact" : ""}`}>
          <div className="brand">
            <span className="logo" aria-hidden="true" />
            <h1>{campaign.name}</h1>
          </div>
          <p className="public-headline" data-testid="public-headline">
            {headline}
          </p>
          <CallsToAction embed={embed} campaignSlug={campaign.slug} hubsOpen={hubsOpen} contactOpen={contactOpen} onOpen={openPanel} />
          {!embed && campaigns.length > 1 && (
            <nav aria-label="Other campaigns" className="hint">
              Also:{" "}
              {campaigns
                .filter((entry) => entry.id !== campaign.id)
                .map((entry, index) => (
                  <span key={entry.id}>
                    {index > 0 && ", "}
                    <a href={`/public/${entry.slug}`}>{entry.name}</a>
                  </span>
                ))}
            </nav>
          )}
          {bodies && <SearchBox bodies={bodies} onPick={(body) => actions.bodyFound(body.id)} />}
          {embed ? (
            <a className="open-full-map" href={fullMapUrl} target="_blank" rel="noopener">
              Open full map
            </a>
          ) : (
            <div className="toolbar">
              <MapViewToggles />
              <MapExportMenu campaign={campaign} />
            </div>
          )}
          {campaign.isDemo && !embed && (
            <p className="demo-note" role="note">
              <strong>Demo data.</strong> The shapes are real US counties (Census Bureau); every stage and date is invented.
            </p>
          )}
        </header>
      )}
      slider={embed ? null : {}}
      endorsers={embed ? undefined : { list: endorsers.data, ladder: campaign.endorserLadder, mayEdit: false, emptyHint: "No endorser has agreed to be listed publicly yet." }}
      empty={
        <>
          <h1>No bodies on the map yet</h1>
          <p>This campaign has not published any bodies.</p>
        </>
      }
    >
      {hubsOpen && <HubList campaign={campaign} onClose={actions.hubsToggled} />}
      {contactOpen && <ContactLegislatorPanel campaign={campaign} onClose={actions.contactToggled} />}
      {selectedBodyId !== null && (
        <PublicBodyPanel key={`${selectedBodyId}-${asOf}`} campaign={campaign} bodyId={selectedBodyId} asOf={asOf} onClose={() => actions.bodySelected(null)} />
      )}
    </MapShell>
  );
}

/**
 * The page's two calls to action under the headline. On the public page they open the hub finder
 * and the legislator panel; in the embed they open the public page in a new tab with that panel
 * (a 320 px embed keeps only "Find your local group").
 */
function CallsToAction({
  embed,
  campaignSlug,
  hubsOpen,
  contactOpen,
  onOpen,
}: {
  embed: boolean;
  campaignSlug: string;
  hubsOpen: boolean;
  contactOpen: boolean;
  onOpen: (panel: PublicPanel) => void;
}) {
  if (embed) {
    const linkTo = (panel: PublicPanel) => `${window.location.origin}/public/${campaignSlug}?open=${panel}`;
    return (
      <nav className="calls-to-action" aria-label="Take part">
        <a className="cta-button" href={linkTo("hubs")} target="_blank" rel="noopener">
          Find your local group
        </a>
        <a className="cta-button cta-contact" href={linkTo("contact")} target="_blank" rel="noopener">
          Contact your legislator
        </a>
      </nav>
    );
  }
  return (
    <nav className="calls-to-action" aria-label="Take part">
      <button type="button" className="cta-button" aria-expanded={hubsOpen} onClick={() => onOpen("hubs")}>
        Find your local group
      </button>
      <button type="button" className="cta-button cta-contact" aria-expanded={contactOpen} onClick={() => onOpen("contact")}>
        Contact your legislator
      </button>
    </nav>
  );
}
