"""The Incomes Register (tulorekisteri): earnings payment reports of commission fees (income type
336), their XML (WageReportsRequestToIR, validated against billing/schemas/incomes-register/), the
deliveries and the transports that take them to the register."""
