"""Reports for the people who use the data: the offline dashboard."""
