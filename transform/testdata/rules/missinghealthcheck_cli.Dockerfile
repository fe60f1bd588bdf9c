# option rules=MissingHealthcheck
FROM python:3.12-slim AS server
EXPOSE 8000
CMD ["gunicorn", "app:app"]

FROM python:3.12-slim
COPY --from=server /etc/hostname /x
CMD ["python", "script.py"]
ENTRYPOINT ["/usr/local/bin/tool", "serve-report"]
