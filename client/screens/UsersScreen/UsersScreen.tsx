import { useMutation, useQuery } from "@tanstack/react-query";
import { useId, useState, type FormEvent } from "react";
import { ACCOUNT_ROLES, canChangeAccessOf, REFUSALS, ROLE_DESCRIPTIONS, type AccountRole, type IssuedLink, type UserSummary } from "../../../shared/model/account";
import type { Hub } from "../../../shared/model/hub";
import { useSession } from "../../api/session";
import { useApplyChange } from "../../api/change-queries";
import { useTRPC } from "../../api/trpc";
import { AdminPage } from "../../components/AdminPage";
import { ErrorNotice } from "../../components/ErrorNotice";
import { formatDateTime } from "../../lib/format";
import { IssuedLinkBox } from "./IssuedLinkBox";

/** `/admin/users`: invite people, hand out password links, change roles, disable accounts. Admins only. */
export function UsersScreen() {
  return (
    <AdminPage title="Users">
      <UsersContent />
    </AdminPage>
  );
}

function UsersContent() {
  const trpc = useTRPC();
  const users = useQuery(trpc.user.list.queryOptions());
  const hubs = useQuery(trpc.hub.list.queryOptions());
  const { session } = useSession();
  return (
    <>
      <InviteForm hubs={hubs.data ?? []} />
      <section className="card admin-section" aria-labelledby="users-title">
        <h2 id="users-title">Accounts {users.data ? `(${users.data.length})` : ""}</h2>
        <p className="muted">Someone invited appears here once they have chosen their password.</p>
        {users.isPending && <p className="muted">Loading…</p>}
        {users.error && <ErrorNotice title="Could not load the accounts" message={users.error.message} error={users.error} onRetry={() => void users.refetch()} />}
        {users.data && (
          <div className="table-wrap">
            <table className="admin-table users-table">
              <thead>
                <tr>
                  <th scope="col">Name</th>
                  <th scope="col">Role and hub</th>
                  <th scope="col">Status</th>
                  <th scope="col">Since</th>
                  <th scope="col">
                    <span className="visually-hidden">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {users.data.map((user) => (
                  <UserRow
                    key={user.id}
                    user={user}
                    hubs={hubs.data ?? []}
                    isSelf={user.id === session?.user?.id}
                    mayChangeAccess={canChangeAccessOf(session?.user?.id, user.id)}
                  />
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
      <RoleGuide />
    </>
  );
}

function RoleSelect({ id, value, onChange, label, disabled }: { id: string; value: AccountRole; onChange: (role: AccountRole) => void; label?: string; disabled?: boolean }) {
  return (
    <select id={id} aria-label={label} value={value} disabled={disabled} onChange={(event) => onChange(event.target.value as AccountRole)}>
      {ACCOUNT_ROLES.map((role) => (
        <option key={role} value={role}>
          {role}
        </option>
      ))}
    </select>
  );
}

function HubSelect({ id, value, hubs, onChange, label }: { id: string; value: number | null; hubs: Hub[]; onChange: (hubId: number | null) => void; label?: string }) {
  return (
    <select id={id} aria-label={label} value={value ?? ""} onChange={(event) => onChange(event.target.value ? Number(event.target.value) : null)}>
      <option value="">Choose a hub…</option>
      {hubs.map((hub) => (
        <option key={hub.id} value={hub.id}>
          {hub.name}
        </option>
      ))}
    </select>
  );
}

function InviteForm({ hubs }: { hubs: Hub[] }) {
  const trpc = useTRPC();
  const id = useId();
  const [email, setEmail] = useState("");
  const [role, setRole] = useState<AccountRole>("organizer");
  const [hubId, setHubId] = useState<number | null>(null);
  const [issued, setIssued] = useState<{ email: string; role: AccountRole; link: IssuedLink } | null>(null);
  const invite = useMutation(
    trpc.user.invite.mutationOptions({
      onSuccess: (link, input) => {
        setIssued({ email: input.email, role: input.role, link });
        setEmail("");
      },
    }),
  );
  const submit = (event: FormEvent) => {
    event.preventDefault();
    invite.mutate({ email, role, hubId: role === "hub" ? hubId : null });
  };
  return (
    <section className="card admin-section" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>Invite someone</h2>
      <p className="muted">Groundswell sends no email: make a link here and send it to them. They choose their name and password on the page it opens.</p>
      <form className="invite-form" onSubmit={submit}>
        <div className="filter-field">
          <label htmlFor={`${id}-email`}>Email</label>
          <input id={`${id}-email`} type="email" required value={email} onChange={(event) => setEmail(event.target.value)} placeholder="name@example.org" />
        </div>
        <div className="filter-field">
          <label htmlFor={`${id}-role`}>Role</label>
          <RoleSelect id={`${id}-role`} value={role} onChange={setRole} />
        </div>
        {role === "hub" && (
          <div className="filter-field">
            <label htmlFor={`${id}-hub`}>Hub</label>
            <HubSelect id={`${id}-hub`} value={hubId} hubs={hubs} onChange={setHubId} />
          </div>
        )}
        <button type="submit" className="primary" disabled={invite.isPending || (role === "hub" && hubId === null)}>
          {invite.isPending ? "Making the link…" : "Make an invite link"}
        </button>
        <p className="hint role-hint">
          <strong>{role}</strong>: {ROLE_DESCRIPTIONS[role]}
          {role === "hub" && hubs.length === 0 && ". No hub exists yet: an organizer adds hubs on the Hubs page first."}
        </p>
      </form>
      {invite.error && <ErrorNotice title="No invite made" message={invite.error.message} error={invite.error} />}
      {issued && !invite.isPending && <IssuedLinkBox link={issued.link} intro={`Invite link for ${issued.email} (${issued.role})`} />}
    </section>
  );
}

function UserRow({ user, hubs, isSelf, mayChangeAccess }: { user: UserSummary; hubs: Hub[]; isSelf: boolean; mayChangeAccess: boolean }) {
  const trpc = useTRPC();
  const applyChange = useApplyChange();
  const id = useId();
  const [role, setRole] = useState<AccountRole>(user.role);
  const [hubId, setHubId] = useState<number | null>(user.hubId);
  const [link, setLink] = useState<IssuedLink | null>(null);
  const refresh = () => applyChange({ kind: "user" });
  const update = useMutation(trpc.user.update.mutationOptions({ onSettled: refresh }));
  const resetLink = useMutation(trpc.user.resetLink.mutationOptions({ onSuccess: setLink }));
  const changed = role !== user.role || (role === "hub" && hubId !== user.hubId);
  const status = user.disabled ? "Disabled" : user.hasPassword ? "Active" : "No password yet";

  return (
    <>
      <tr className={user.disabled ? "is-disabled" : undefined} data-testid={`user-${user.email}`}>
        <th scope="row">
          <span className="user-name" id={`${id}-name`}>
            {user.name}
            {isSelf && <span className="muted"> (you)</span>}
          </span>
          <span className="user-email">{user.email}</span>
          {!mayChangeAccess && <span className="hint own-access">{REFUSALS.ownAccess}.</span>}
        </th>
        <td>
          <div className="role-cell">
            <RoleSelect id={`${id}-role`} label={`Role of ${user.name}`} value={role} onChange={setRole} disabled={!mayChangeAccess} />
            {role === "hub" && <HubSelect id={`${id}-hub`} label={`Hub of ${user.name}`} value={hubId} hubs={hubs} onChange={setHubId} />}
            {changed && (
              <span className="button-row">
                <button
                  type="button"
                  className="primary small"
                  disabled={update.isPending || (role === "hub" && hubId === null)}
                  onClick={() => update.mutate({ userId: user.id, role, hubId: role === "hub" ? hubId : null })}
                >
                  Save
                </button>
                <button
                  type="button"
                  className="link-button"
                  onClick={() => {
                    setRole(user.role);
                    setHubId(user.hubId);
                    update.reset();
                  }}
                >
                  Cancel
                </button>
              </span>
            )}
          </div>
        </td>
        <td>
          <span className={`status-tag status-${status.toLowerCase().replace(/ /g, "-")}`}>{status}</span>
        </td>
        <td className="muted">{formatDateTime(user.createdAt)}</td>
        <td>
          <div className="row-actions">
            <button type="button" className="secondary small" disabled={resetLink.isPending} onClick={() => resetLink.mutate({ userId: user.id })} aria-describedby={`${id}-name`}>
              Password link
            </button>
            <button
              type="button"
              className={`secondary small${user.disabled ? "" : " danger"}`}
              disabled={update.isPending || !mayChangeAccess}
              title={mayChangeAccess ? undefined : REFUSALS.ownAccess}
              onClick={() => update.mutate({ userId: user.id, disabled: !user.disabled })}
              aria-describedby={`${id}-name`}
            >
              {user.disabled ? "Enable" : "Disable"}
            </button>
          </div>
        </td>
      </tr>
      {(link || update.error || resetLink.error) && (
        <tr className="user-detail-row">
          <td colSpan={5}>
            {update.error && <ErrorNotice title={`${user.name} not changed`} message={update.error.message} error={update.error} />}
            {resetLink.error && <ErrorNotice title="No password link made" message={resetLink.error.message} error={resetLink.error} />}
            {link && <IssuedLinkBox link={link} intro={`Password link for ${user.email}`} />}
          </td>
        </tr>
      )}
    </>
  );
}

function RoleGuide() {
  return (
    <section className="card admin-section" aria-labelledby="roles-title">
      <h2 id="roles-title">What each role can do</h2>
      <dl className="role-guide">
        {ACCOUNT_ROLES.map((role) => (
          <div key={role}>
            <dt>
              <span className="role-tag">{role}</span>
            </dt>
            <dd>{ROLE_DESCRIPTIONS[role]}</dd>
          </div>
        ))}
        <div>
          <dt>
            <span className="role-tag">public</span>
          </dt>
          <dd>anyone not signed in: the map, stages, vote dates and tallies, sponsors and hubs&apos; public contacts; no notes, private contacts or change history</dd>
        </div>
      </dl>
      <p className="hint">Changing someone&apos;s role or disabling them signs them out everywhere. There is always at least one admin.</p>
    </section>
  );
}
