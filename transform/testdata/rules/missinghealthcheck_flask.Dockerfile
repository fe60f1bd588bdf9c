# option rules=MissingHealthcheck
FROM python:3.12-slim
# want MissingHealthcheck warning: CMD starts the server flask run
CMD flask --app app run --host 0.0.0.0
