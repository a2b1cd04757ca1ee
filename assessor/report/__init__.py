"""Reports: one view model (context), rendered to HTML, PDF, JSON and XLSX."""
