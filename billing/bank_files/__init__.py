"""Bank files of the payment runs: the ISO 20022 credit transfer out (pain.001.001.03) and the
bank's payment status report back (pain.002.001.03). Each file is validated against its schema
(billing/schemas/iso20022/) before it is offered for download or applied."""
