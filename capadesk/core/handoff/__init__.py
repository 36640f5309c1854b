"""Hand the day's results to the participants' phones over the local network, with no internet:
the publication (what is shown and served), the local server, its access rules, the QR codes."""
