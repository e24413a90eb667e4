"""Where a text message leaves the Jobcenter: a backend class named by `JOBCENTER_SMS_BACKEND`
(`base.SmsBackend`). The console backend is the default (development, tests); the HTTP gateway
backend talks to an SMS gateway's JSON API (docs/sms.md)."""
