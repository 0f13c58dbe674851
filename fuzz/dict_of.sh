# Sourced by run.sh and campaign.sh: the dictionary of each fuzz target.
dict_of() {
  case $1 in
    operation|schema_sdl) echo dict/graphql.dict ;;
    script) echo dict/script.dict ;;
    openapi|fixture_yaml) echo dict/yaml.dict ;;
    config) echo dict/toml.dict ;;
    serve_request) echo dict/serve.dict ;;
    *) echo dict/json.dict ;;
  esac
}
