"use client";

import Link from "next/link";
import { Check, Copy, KeyRound } from "lucide-react";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";

function CopyField({ id, label, value }: { id: string; label: string; value: string }) {
  const [copied, setCopied] = useState(false);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(value);
      setCopied(true);
      setTimeout(() => setCopied(false), 2000);
    } catch {
      (document.getElementById(id) as HTMLInputElement | null)?.select();
    }
  };
  return (
    <div className="space-y-2">
      <Label htmlFor={id}>{label}</Label>
      <div className="flex gap-2">
        <Input id={id} readOnly value={value} className="font-mono text-xs" onFocus={(e) => e.currentTarget.select()} />
        <Button type="button" variant="outline" onClick={copy} aria-label={`Copy ${label}`}>
          {copied ? <Check aria-hidden="true" /> : <Copy aria-hidden="true" />}
          <span className="sr-only sm:not-sr-only">{copied ? "Copied" : "Copy"}</span>
        </Button>
      </div>
    </div>
  );
}

/** Shown once after creating a push system: where it posts and the secret it must send. */
export function PushSecret({ url, secret, dashboardHref }: { url: string; secret: string; dashboardHref: string }) {
  return (
    <Card className="space-y-4 p-4 sm:p-6" data-testid="push-secret">
      <h2 className="flex items-center gap-2 text-lg font-semibold">
        <KeyRound className="size-5" aria-hidden="true" />
        Connect your site
      </h2>
      <p className="text-sm text-muted-foreground">
        Configure your logger or pusher to POST to this URL with this key. <strong>The key is shown only now</strong>:
        copy it somewhere safe. If you lose it, issue a new one from the system&apos;s settings.
      </p>
      <CopyField id="push-url" label="Push URL" value={url} />
      <CopyField id="push-key" label="API key" value={secret} />
      <Button asChild>
        <Link href={dashboardHref}>Go to the dashboard</Link>
      </Button>
    </Card>
  );
}
