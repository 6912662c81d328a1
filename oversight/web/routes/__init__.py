"""The site's routes, one module per page family; each has its HTML and API twins."""
