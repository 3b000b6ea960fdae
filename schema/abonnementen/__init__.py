"""Municipal webhook abonnementen, their deliveries and attempts."""
