#include "sql/connectors/values/values_data.h"

#include <map>
#include <mutex>
#include <utility>

namespace eddy::sql {
namespace {

struct Store {
  std::mutex mutex;
  std::map<std::string, std::shared_ptr<const std::vector<ValuesElement>>> data;
  std::map<std::string, std::vector<std::string>> results;
};

Store& store() {
  static Store instance;
  return instance;
}

}  // namespace

void ValuesData::registerData(const std::string& id, std::vector<ValuesElement> elements) {
  auto shared = std::make_shared<const std::vector<ValuesElement>>(std::move(elements));
  std::lock_guard lock(store().mutex);
  store().data[id] = std::move(shared);
}

std::shared_ptr<const std::vector<ValuesElement>> ValuesData::data(const std::string& id) {
  std::lock_guard lock(store().mutex);
  auto it = store().data.find(id);
  return it == store().data.end() ? nullptr : it->second;
}

std::vector<std::string> ValuesData::rawResults(const std::string& table_name) {
  std::lock_guard lock(store().mutex);
  auto it = store().results.find(table_name);
  return it == store().results.end() ? std::vector<std::string>{} : it->second;
}

void ValuesData::appendResult(const std::string& table_name, std::string row) {
  std::lock_guard lock(store().mutex);
  store().results[table_name].push_back(std::move(row));
}

void ValuesData::clearAll() {
  std::lock_guard lock(store().mutex);
  store().data.clear();
  store().results.clear();
}

}  // namespace eddy::sql
