# Shortcuts for dev.py, which needs nothing but Python 3.11.
.PHONY: run test lint stop clean

run:
	python3 dev.py run

test:
	python3 dev.py test

lint:
	python3 dev.py lint

stop:
	python3 dev.py stop

clean:
	python3 dev.py clean
