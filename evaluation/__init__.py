"""Empty until the open evaluation issue fills it (capability, inclusion, connectivity and contribution)."""
