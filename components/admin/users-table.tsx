import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import type { AdminUserRow } from "@/lib/admin";
import { formatUtc } from "./format";
import { UserActions } from "./user-actions";

/** Every user with their systems and roles, and the admin and disable controls (`selfId`: the signed-in admin). */
export function UsersTable({ rows, selfId }: { rows: AdminUserRow[]; selfId: string }) {
  return (
    <Table>
      <TableHeader>
        <TableRow>
          <TableHead>User</TableHead>
          <TableHead>Username / email</TableHead>
          <TableHead>Joined (UTC)</TableHead>
          <TableHead>Systems and roles</TableHead>
          <TableHead>Account</TableHead>
        </TableRow>
      </TableHeader>
      <TableBody>
        {rows.map((u) => (
          <TableRow key={u.id}>
            <TableCell>
              <div className="font-medium">
                {u.displayName} {u.isPlatformAdmin ? <Badge className="ml-1">platform admin</Badge> : null}
                {u.disabledAt !== null ? (
                  <Badge variant="outline" className="ml-1 border-destructive text-destructive">
                    disabled
                  </Badge>
                ) : null}
              </div>
              <div className="text-xs text-muted-foreground">{u.id}</div>
            </TableCell>
            <TableCell className="text-sm">
              {u.username ?? "—"}
              <div className="text-xs text-muted-foreground">{u.email ?? ""}</div>
            </TableCell>
            <TableCell className="whitespace-nowrap text-xs">{formatUtc(u.createdAt)}</TableCell>
            <TableCell>
              {u.systems.length ? (
                <ul className="flex flex-wrap gap-1">
                  {u.systems.map((s) => (
                    <li key={`${s.id}-${s.role}`}>
                      <Link href={`/admin/sessions?systemId=${s.id}`}>
                        <Badge variant={s.role === "owner" ? "default" : s.role === "admin" ? "secondary" : "outline"}>
                          {s.displayName} · {s.role}
                          {s.status !== "active" ? ` (${s.status})` : ""}
                        </Badge>
                      </Link>
                    </li>
                  ))}
                </ul>
              ) : (
                <span className="text-xs text-muted-foreground">none</span>
              )}
            </TableCell>
            <TableCell>
              <UserActions
                userId={u.id}
                displayName={u.displayName}
                isPlatformAdmin={u.isPlatformAdmin}
                disabled={u.disabledAt !== null}
                isSelf={u.id === selfId}
              />
              <div className="mt-1 text-xs text-muted-foreground">
                {u.disabledAt !== null
                  ? `disabled ${formatUtc(u.disabledAt)}`
                  : `${u.sessions} local session${u.sessions === 1 ? "" : "s"}`}
              </div>
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
