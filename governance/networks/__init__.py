"""The clinical networks and their communities of practice: everyone signed in sees each network, who leads it (the
holders of its current leadership roles) and where its community is; the secretariat opens a network's community
in `programmes.community` and names the network's leads there."""
