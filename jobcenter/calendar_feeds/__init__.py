"""A person's calendar feed: a secret, revocable address that serves her coming gigs as iCalendar.

The kernel keeps only the address (`models.CalendarFeed`) and its writes (`services`); which gigs a
feed holds is the orders app's (`orders.selectors.calendar`), and the feed itself is a page of web/."""
