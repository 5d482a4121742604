import type { PublicHub } from "../../shared/model/public-view";

/** Hubs with what each chose to publish: name, public contact, how to join. */
export function HubContacts({ hubs }: { hubs: ReadonlyArray<Pick<PublicHub, "id" | "name" | "publicContact" | "onboarding">> }) {
  return (
    <ul className="plain-list hub-list">
      {hubs.map((hub) => (
        <li key={hub.id}>
          <strong>{hub.name}</strong>
          {hub.publicContact && <div>{hub.publicContact}</div>}
          {hub.onboarding && <div className="muted">{hub.onboarding}</div>}
        </li>
      ))}
    </ul>
  );
}
