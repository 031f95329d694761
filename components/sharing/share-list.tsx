import { Button } from "@/components/ui/button";
import { Select } from "@/components/ui/select";
import type { SystemAccessList } from "@/lib/sharing/grants";

interface Props {
  list: SystemAccessList;
  onRole(userId: string, role: string): void;
  onRevoke(userId: string): void;
  onRevokeInvitation(id: number): void;
}

const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** The owner, each person with access (role select, remove) and each pending invitation (revoke). */
export function ShareList({ list, onRole, onRevoke, onRevokeInvitation }: Props) {
  return (
    <ul className="divide-y rounded-md border text-sm">
      <li className="flex items-center justify-between p-2">
        <span>
          {list.owner.displayName} <span className="text-muted-foreground">· owner</span>
        </span>
      </li>
      {list.grants.map((g) => (
        <li key={g.userId} className="flex flex-wrap items-center justify-between gap-2 p-2">
          <span>
            {g.displayName} <span className="text-muted-foreground">{g.username ?? g.email ?? ""}</span>
          </span>
          <span className="flex items-center gap-2">
            <Select
              aria-label={`Role of ${g.displayName}`}
              value={g.role === "owner" ? "admin" : g.role}
              onChange={(e) => onRole(g.userId, e.target.value)}
              className="h-8 w-28"
            >
              <option value="viewer">viewer</option>
              <option value="admin">admin</option>
            </Select>
            <Button size="sm" variant="ghost" onClick={() => onRevoke(g.userId)}>
              Remove
            </Button>
          </span>
        </li>
      ))}
      {list.invitations.map((i) => (
        <li key={`inv-${i.id}`} className="flex flex-wrap items-center justify-between gap-2 p-2">
          <span>
            {i.invitee}{" "}
            <span className="text-muted-foreground">
              · invited as {i.role}, until {day(i.expiresAt)}
            </span>
          </span>
          <Button size="sm" variant="ghost" onClick={() => onRevokeInvitation(i.id)}>
            Revoke
          </Button>
        </li>
      ))}
    </ul>
  );
}
