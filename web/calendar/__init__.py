"""The calendar feed (`/calendar/<token>.ics`) and what the worker's and the unit's calendar pages
share: the feed's address and its iCalendar text."""
