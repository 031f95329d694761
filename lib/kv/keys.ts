/** Cache key names (without the namespace prefix; kvKey() adds it). */
export const latestKey = (systemId: number) => `latest:system:${systemId}`;
export const subscriptionsKey = (systemId: number) => `subscriptions:system:${systemId}`;
export const usernameKey = (username: string) => `username:${username.toLowerCase()}`;
