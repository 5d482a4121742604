import { useEffect, useId, useMemo, useRef, useState } from "react";
import { BODY_KIND_LABELS, type BodySummary } from "../../shared/model/body";
import { searchBodies, type SearchableLegislator } from "../lib/search";

type Result = { kind: "body"; key: string; item: BodySummary } | { kind: "legislator"; key: string; item: SearchableLegislator };

/**
 * Find a body (and, when given, a legislator) by name: a combobox (WAI-ARIA 1.2 pattern). Arrow
 * keys move, Enter picks, Escape clears; "/" anywhere focuses it.
 */
export function SearchBox({
  bodies,
  onPick,
  legislators = [],
  onPickLegislator,
}: {
  bodies: readonly BodySummary[];
  onPick: (body: BodySummary) => void;
  legislators?: readonly SearchableLegislator[];
  onPickLegislator?: (legislator: SearchableLegislator) => void;
}) {
  const [query, setQuery] = useState("");
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const input = useRef<HTMLInputElement>(null);
  const listId = useId();
  const results = useMemo((): Result[] => {
    const people = onPickLegislator ? searchBodies(legislators, query, 3).map((item): Result => ({ kind: "legislator", key: `l${item.id}-${item.seat}`, item })) : [];
    const places = searchBodies(bodies, query, 8 - people.length).map((item): Result => ({ kind: "body", key: `b${item.id}`, item }));
    return [...places, ...people];
  }, [bodies, legislators, onPickLegislator, query]);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const target = event.target as HTMLElement;
      if (event.key === "/" && !/^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName)) {
        event.preventDefault();
        input.current?.focus();
      }
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, []);

  const pick = (result: Result | undefined) => {
    if (!result) return;
    if (result.kind === "body") onPick(result.item);
    else onPickLegislator?.(result.item);
    setQuery(result.item.name);
    setOpen(false);
  };

  return (
    <div className="search">
      <label htmlFor={`${listId}-input`} className="visually-hidden">
        {onPickLegislator ? "Search bodies and legislators by name" : "Search bodies by name"}
      </label>
      <input
        id={`${listId}-input`}
        ref={input}
        type="search"
        role="combobox"
        aria-expanded={open && results.length > 0}
        aria-controls={listId}
        aria-autocomplete="list"
        aria-activedescendant={open && results[active] ? `${listId}-${results[active]!.key}` : undefined}
        placeholder={onPickLegislator ? "Search a town, county or legislator…  ( / )" : "Search a town, city or county…  ( / )"}
        autoComplete="off"
        value={query}
        onChange={(event) => {
          setQuery(event.target.value);
          setActive(0);
          setOpen(true);
        }}
        onFocus={() => setOpen(true)}
        onBlur={() => setTimeout(() => setOpen(false), 150)}
        onKeyDown={(event) => {
          if (event.key === "ArrowDown") {
            event.preventDefault();
            setOpen(true);
            setActive((index) => Math.min(results.length - 1, index + 1));
          } else if (event.key === "ArrowUp") {
            event.preventDefault();
            setActive((index) => Math.max(0, index - 1));
          } else if (event.key === "Enter") {
            event.preventDefault();
            pick(results[active]);
          } else if (event.key === "Escape") {
            setQuery("");
            setOpen(false);
          }
        }}
      />
      {open && query.trim() !== "" && (
        <ul id={listId} role="listbox" className="search-results card">
          {results.length === 0 && <li className="search-empty">Nothing matches “{query}”.</li>}
          {results.map((result, index) => (
            <li
              key={result.key}
              id={`${listId}-${result.key}`}
              role="option"
              aria-selected={index === active}
              className={index === active ? "is-active" : undefined}
              onMouseDown={(event) => {
                event.preventDefault();
                pick(result);
              }}
              onMouseEnter={() => setActive(index)}
            >
              <span>{result.item.name}</span>
              {result.kind === "body" ? (
                <small>
                  {BODY_KIND_LABELS[result.item.kind] ?? result.item.kind}
                  {result.item.state ? ` · ${result.item.state}` : ""}
                </small>
              ) : (
                <small>Legislator · {result.item.seat}</small>
              )}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
