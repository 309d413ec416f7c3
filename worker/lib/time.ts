// Time-zone helpers shared by profiles, timelines and notifications.

/** True for IANA zone names Intl knows ("Europe/London", "UTC"); offsets like "+05:00" are not zones. */
export function isIanaTimeZone(name: string): boolean {
  if (!/^[A-Za-z][A-Za-z0-9_+-]*(\/[A-Za-z0-9_+-]+)*$/.test(name) || name.length > 64) return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}
