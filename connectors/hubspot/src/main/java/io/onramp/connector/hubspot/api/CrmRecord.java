package io.onramp.connector.hubspot.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;
import java.util.Map;

/** A HubSpot record: {@code {id, properties, associations:{companies:{results:[{id,type}]}}, createdAt, updatedAt, archived}}. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record CrmRecord(String id, Map<String, String> properties, Map<String, Associated> associations) {

  public CrmRecord {
    properties = properties == null ? Map.of() : properties;
    associations = associations == null ? Map.of() : associations;
  }

  public List<String> associatedIds(String objectType) {
    Associated associated = associations.get(objectType);
    return associated == null ? List.of() : associated.results().stream().map(Link::id).distinct().toList();
  }

  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Associated(List<Link> results) {
    public Associated {
      results = results == null ? List.of() : results;
    }
  }

  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Link(String id, String type) {
  }
}
