# option rules=MissingHealthcheck
FROM python:3.12-slim AS app
EXPOSE 8000
# want MissingHealthcheck warning: stage "app" has no HEALTHCHECK, but CMD starts the server gunicorn
CMD gunicorn --bind 0.0.0.0:8000 app:app
