// Expand every event of an iCalendar file with ical.js (Thunderbird's and
// Nextcloud's parser), which knows no IANA names: it reads only the file's
// VTIMEZONEs. Prints {uid: [[start, end], ...]} as JSON; starts and ends are
// UTC "YYYY-MM-DDTHH:MM:SSZ", or "YYYY-MM-DD" for all-day dates.
import { readFileSync } from "node:fs";
import ICAL from "ical.js";

const LIMIT = 600;
const root = new ICAL.Component(ICAL.parse(readFileSync(0, "utf8")));
for (const vtimezone of root.getAllSubcomponents("vtimezone")) {
  ICAL.TimezoneService.register(vtimezone);
}

function stamp(time) {
  if (time.isDate) return time.toString();
  return new Date(time.toUnixTime() * 1000).toISOString().replace(".000Z", "Z");
}

const byUid = new Map();
for (const vevent of root.getAllSubcomponents("vevent")) {
  const uid = vevent.getFirstPropertyValue("uid");
  if (!byUid.has(uid)) byUid.set(uid, { master: null, overrides: [] });
  const entry = byUid.get(uid);
  if (vevent.hasProperty("recurrence-id")) entry.overrides.push(vevent);
  else entry.master = vevent;
}

const result = {};
for (const [uid, { master, overrides }] of byUid) {
  const event = new ICAL.Event(master, { strictExceptions: false });
  for (const override of overrides) event.relateException(new ICAL.Event(override));
  const found = [];
  if (!event.isRecurring()) {
    found.push([stamp(event.startDate), stamp(event.endDate)]);
  } else {
    const iterator = event.iterator();
    for (let next = iterator.next(); next && found.length < LIMIT; next = iterator.next()) {
      const details = event.getOccurrenceDetails(next);
      found.push([stamp(details.startDate), stamp(details.endDate)]);
    }
  }
  result[uid] = found;
}
process.stdout.write(JSON.stringify(result));
