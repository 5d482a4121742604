import { useMutation, useQuery } from "@tanstack/react-query";
import { sessionRole, type Role, type Session } from "../../shared/model/account";
import { useTRPC } from "./trpc";

/**
 * Who is signed in (`auth.me`) and the role the app acts as: the user's role, a viewer in the
 * read-only demo, else the public. Until it arrives the role is `public`, so no edit control
 * shows before the server has said who this is.
 */
export function useSession(): { session: Session | undefined; role: Role; isPending: boolean } {
  const trpc = useTRPC();
  const me = useQuery({ ...trpc.auth.me.queryOptions(), staleTime: 60_000 });
  return { session: me.data, role: sessionRole(me.data), isPending: me.isPending };
}

/** Sign out, then reload the page: every private answer in the query cache goes with the old session. */
export function useSignOut() {
  const trpc = useTRPC();
  return useMutation(trpc.auth.logout.mutationOptions({ onSuccess: () => window.location.reload() }));
}
