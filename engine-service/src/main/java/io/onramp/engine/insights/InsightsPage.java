package io.onramp.engine.insights;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.ViewControllerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The insights page ({@code static/insights/}): charts of the reports for CS leads and revops,
 * signed in with the browser session of the webapps; it reads the reports under {@value #DATA}.
 */
@Configuration
class InsightsPage implements WebMvcConfigurer {

  static final String DATA = "/insights/data";

  @Override
  public void addViewControllers(ViewControllerRegistry registry) {
    registry.addRedirectViewController("/insights", "/insights/");
    registry.addViewController("/insights/").setViewName("forward:/insights/index.html");
  }
}
