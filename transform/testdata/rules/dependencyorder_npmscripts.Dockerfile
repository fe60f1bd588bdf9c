# option rules=DependencyOrder
# option context=deps-scripts
FROM node:22
WORKDIR /app
# want DependencyOrder warning: not rewritten: package.json has a "postinstall" script, which npm runs on install
COPY . .
RUN npm ci
