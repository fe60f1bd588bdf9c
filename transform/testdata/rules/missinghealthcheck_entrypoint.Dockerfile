# option rules=MissingHealthcheck
FROM nginx:1.27 AS base
ENTRYPOINT ["/docker-entrypoint.sh"]

FROM base
# want MissingHealthcheck warning: CMD starts the server nginx
CMD ["nginx", "-g", "daemon off;"]
