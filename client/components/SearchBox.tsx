import { useEffect, useId, useMemo, useRef, useState } from "react";
import { BODY_KIND_LABELS, type BodySummary } from "../../shared/model/body";
import { searchBodies } from "../lib/search";

/**
 * Find a body by name: a combobox (WAI-ARIA 1.2 pattern). Arrow keys move, Enter picks,
 * Escape clears; "/" anywhere focuses it.
 */
export function SearchBox({ bodies, onPick }: { bodies: readonly BodySummary[]; onPick: (body: BodySummary) => void }) {
  const [query, setQuery] = useState("");
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const input = useRef<HTMLInputElement>(null);
  const listId = useId();
  const results = useMemo(() => searchBodies(bodies, query, 8), [bodies, query]);

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

  const pick = (body: BodySummary | undefined) => {
    if (!body) return;
    onPick(body);
    setQuery(body.name);
    setOpen(false);
  };

  return (
    <div className="search">
      <label htmlFor={`${listId}-input`} className="visually-hidden">
        Search bodies by name
      </label>
      <input
        id={`${listId}-input`}
        ref={input}
        type="search"
        role="combobox"
        aria-expanded={open && results.length > 0}
        aria-controls={listId}
        aria-autocomplete="list"
        aria-activedescendant={open && results[active] ? `${listId}-${results[active]!.id}` : undefined}
        placeholder="Search a town, city or county…  ( / )"
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
          {results.length === 0 && <li className="search-empty">No body matches “{query}”.</li>}
          {results.map((body, index) => (
            <li
              key={body.id}
              id={`${listId}-${body.id}`}
              role="option"
              aria-selected={index === active}
              className={index === active ? "is-active" : undefined}
              onMouseDown={(event) => {
                event.preventDefault();
                pick(body);
              }}
              onMouseEnter={() => setActive(index)}
            >
              <span>{body.name}</span>
              <small>
                {BODY_KIND_LABELS[body.kind] ?? body.kind}
                {body.state ? ` · ${body.state}` : ""}
              </small>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
