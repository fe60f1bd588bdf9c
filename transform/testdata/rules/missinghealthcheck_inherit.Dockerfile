# option rules=MissingHealthcheck
FROM nginx:1.27 AS base
HEALTHCHECK --interval=30s CMD curl -f http://127.0.0.1/ || exit 1

FROM base AS final
EXPOSE 80
CMD ["nginx", "-g", "daemon off;"]
