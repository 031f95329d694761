"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { apiJson } from "@/components/setup/api-client";
import { FormError } from "@/components/setup/form-error";

/** Owner only: removes the system after the owner types its name. */
export function DeleteSystem({ systemId, displayName }: { systemId: number; displayName: string }) {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [typed, setTyped] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const remove = async () => {
    setBusy(true);
    setError(null);
    try {
      await apiJson(`/api/systems/${systemId}`, { method: "DELETE" });
      router.push("/dashboard");
      router.refresh();
    } catch (e) {
      setError(e);
      setBusy(false);
    }
  };
  return (
    <>
      <Button type="button" variant="destructive" onClick={() => setOpen(true)} data-testid="delete-system">
        Remove system
      </Button>
      <Dialog
        open={open}
        onClose={() => setOpen(false)}
        title={`Remove ${displayName}?`}
        description="Polling stops and the stored vendor login is deleted. Its history is kept: adding the same site again brings it back."
      >
        <div className="space-y-4">
          <Field id="confirm-name" label={`Type “${displayName}” to confirm`}>
            <Input id="confirm-name" value={typed} onChange={(e) => setTyped(e.target.value)} autoComplete="off" />
          </Field>
          <FormError error={error} />
          <div className="flex justify-end gap-2">
            <Button type="button" variant="outline" onClick={() => setOpen(false)}>
              Cancel
            </Button>
            <Button
              type="button"
              variant="destructive"
              disabled={busy || typed.trim() !== displayName}
              onClick={remove}
            >
              {busy ? "Removing…" : "Remove"}
            </Button>
          </div>
        </div>
      </Dialog>
    </>
  );
}
