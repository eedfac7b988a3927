# Two commands: `make run` (the whole platform on SQLite, with demo content) and `make test`.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
ADDR ?= 127.0.0.1:8000
# Emailed and shared links lead to where the server listens (0.0.0.0 is reached as 127.0.0.1
# here; from another machine, give SITE_URL=http://its-name:port yourself).
SITE_URL ?= http://$(subst 0.0.0.0,127.0.0.1,$(ADDR))
# make run is a local demo: debug on, a throwaway key, mail printed to the worker's console.
RUN_ENV := DJANGO_DEBUG=1 EMAIL_BACKEND=django.core.mail.backends.console.EmailBackend \
	SITE_URL=$(SITE_URL)

.PHONY: run test install messages lint format migrate demo clean system-deps-run system-deps-test

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[dev]"
	touch $@

install: $(VENV)/.installed

# The system packages in system-packages.txt: installed when this is root with apt-get, otherwise
# make stops here and prints the command to run.
system-deps-run:
	bin/system-deps --for run

system-deps-test:
	bin/system-deps --for test

messages: install
	$(RUN_ENV) $(PY) manage.py compilemessages -v0 --ignore=.venv --ignore=var

migrate: install messages
	$(RUN_ENV) $(PY) manage.py migrate --no-input -v0

# update_index: a demo loaded before a page type gained search fields is found by them too.
demo: migrate
	$(RUN_ENV) $(PY) manage.py load_demo
	$(RUN_ENV) $(PY) manage.py update_index -v0

run: system-deps-run demo
	$(RUN_ENV) $(PY) manage.py serve --addr $(ADDR)

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: install
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

# pytest exits 5 when it collects no test, which is not a failure.
test: system-deps-test install messages lint
	$(PY) -m pytest; status=$$?; [ $$status -eq 5 ] || exit $$status

clean:
	rm -rf $(VENV) var static_collected
