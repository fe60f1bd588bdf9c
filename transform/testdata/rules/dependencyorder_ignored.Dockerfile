# option rules=DependencyOrder
# option context=deps-node-modules
# option dockerignore=node_modules
FROM node:22
WORKDIR /app
# want DependencyOrder fixed: moved `COPY \. \.` from line 7 below `npm ci`, to line 8
COPY . .
RUN npm ci
