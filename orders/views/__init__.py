"""Views of the order flow, one module per surface: `public` (client order form, feedback link),
`terms` (the signed terms link) and `coordinator` (the coordinator's dashboard)."""
