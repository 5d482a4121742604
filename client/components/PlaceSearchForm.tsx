import { useEffect, useId, useState, type FormEvent } from "react";
import { fetchAddressPoint } from "../api/geometry";
import { useAppConfig } from "../api/map-data";
import { usePickedPoint, usePointPick, useUiActions } from "../state/hooks";
import { useUiStore } from "../state/ui-store";

/** Where to look: a point (my location, a spot on the map, a geocoded address) or a town name. */
export type PlaceSearch = { point: [number, number]; label: string } | { query: string };

/** The server's input for a place search: `{ point }` or `{ query }` (nothing before the first search). */
export const placeSearchInput = (search: PlaceSearch | null) => (search ? ("point" in search ? { point: search.point } : { query: search.query }) : {});

/**
 * Where the visitor stands: a town name (or, with a geocoder configured, a street address), "Use
 * my location" (the browser's geolocation, no network of ours) or "Pick on the map" (the next
 * click on the map). Find my hub and "Contact your legislator" both ask this way; `search` is the
 * current one, shown when it is a point.
 */
export function PlaceSearchForm({ search, onSearch }: { search: PlaceSearch | null; onSearch: (search: PlaceSearch) => void }) {
  const id = useId();
  const config = useAppConfig();
  const addressSearch = config.data?.addressSearch === true;
  const [text, setText] = useState("");
  const [locating, setLocating] = useState<string | null>(null);
  const [lookupError, setLookupError] = useState<string | null>(null);
  const { pointPickStarted, pointPickCancelled, pickedPointTaken } = useUiActions();
  const pointPick = usePointPick();
  const picked = usePickedPoint();
  const picking = pointPick?.requester === id;
  useEffect(() => {
    if (picked?.requester !== id) return;
    pickedPointTaken();
    onSearch({ point: picked.point, label: "the point you picked on the map" });
  }, [picked, id, pickedPointTaken, onSearch]);
  // A form closed while it waits for a point gives the map its clicks back.
  useEffect(
    () => () => {
      if (useUiStore.getState().pointPick?.requester === id) pointPickCancelled();
    },
    [id, pointPickCancelled],
  );

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    const typed = text.trim();
    setLookupError(null);
    // With a geocoder, something with a house number is an address; a bare town name is searched by name.
    if (addressSearch && /\d/.test(typed)) {
      try {
        const point = await fetchAddressPoint(typed);
        if (point) return onSearch({ point, label: typed });
        setLookupError(`No address found for “${typed}”: try the town's name.`);
        return;
      } catch (error) {
        setLookupError(error instanceof Error ? error.message : String(error));
        return;
      }
    }
    onSearch({ query: typed });
  };

  const useMyLocation = () => {
    if (!navigator.geolocation) return setLocating("This browser cannot tell where you are: type your town instead.");
    setLocating("Finding where you are…");
    navigator.geolocation.getCurrentPosition(
      (position) => {
        setLocating(null);
        onSearch({ point: [position.coords.longitude, position.coords.latitude], label: "your location" });
      },
      (error) =>
        setLocating(error.code === error.PERMISSION_DENIED ? "Location is blocked for this site: type your town instead." : "Could not get your location: type your town instead."),
      { enableHighAccuracy: false, timeout: 15_000, maximumAge: 600_000 },
    );
  };

  return (
    <>
      <form onSubmit={(event) => void onSubmit(event)} className="find-form">
        <label htmlFor={`${id}-town`}>{addressSearch ? "Town, city or street address" : "Town or city"}</label>
        <input id={`${id}-town`} value={text} onChange={(event) => setText(event.target.value)} placeholder={addressSearch ? "e.g. 12 Main St, Warwick RI" : "e.g. Warwick"} />
        <span className="find-actions">
          <button type="submit" className="primary" disabled={text.trim().length < 2}>
            Find
          </button>
          <button type="button" onClick={useMyLocation}>
            Use my location
          </button>
          <button type="button" aria-pressed={picking} onClick={() => (picking ? pointPickCancelled() : pointPickStarted(id))}>
            {picking ? "Cancel picking" : "Pick on the map"}
          </button>
        </span>
      </form>
      {locating && (
        <p className="muted" role="status">
          {locating}
        </p>
      )}
      {lookupError && (
        <p className="error-text" role="alert">
          {lookupError}
        </p>
      )}
      {search && "point" in search && <p className="hint">Looking at {search.label}.</p>}
    </>
  );
}
