import Link from "next/link";
import { UserButton } from "@clerk/nextjs";
import { getPageUserProfile } from "@/lib/auth/page";
import { getEnv } from "@/lib/env";
import { LocalUserMenu } from "./local-user-menu";

/** The header's account button: Clerk's UserButton in Clerk mode, the local menu (with sign-out) otherwise. */
export async function UserMenu() {
  const user = await getPageUserProfile();
  if (user && getEnv().AUTH_MODE === "clerk") return <UserButton />;
  if (!user) {
    return (
      <Link href="/sign-in" className="text-sm font-medium underline-offset-4 hover:underline">
        Sign in
      </Link>
    );
  }
  return (
    <LocalUserMenu displayName={user.displayName} username={user.username} isPlatformAdmin={user.isPlatformAdmin} />
  );
}
