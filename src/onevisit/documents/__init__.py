"""Official documents (文书) the platform prints as PDF: decision documents (决定书) first."""
