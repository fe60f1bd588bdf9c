# option rules=MissingHealthcheck
FROM python:3.12-slim
# want MissingHealthcheck warning: ENTRYPOINT starts the server uvicorn
ENTRYPOINT ["sh", "-c", "exec uvicorn main:app --host 0.0.0.0"]
