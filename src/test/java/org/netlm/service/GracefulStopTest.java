package org.netlm.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.netlm.service.ServiceHttp.JSON;
import static org.netlm.service.ServiceHttp.post;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.netlm.engine.NetlmEngine;

/** A stop lets the request in flight finish with its answer, then refuses connections. */
class GracefulStopTest {
    @Test
    void aRequestInFlightWhenTheServerStopsStillGetsItsCards() throws Exception {
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        PatientMapping slow = bundle -> {
            entered.countDown();
            try {
                release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return new PatientMapping.Mapped(null, List.of("primarySite"), List.of("primarySite: required"), null);
        };
        CdsHooksServer server = CdsHooksServer.start(NetlmEngine.withDefaultRules(), slow, ServiceConfig.defaults(), 0,
            CdsHooksServer.Auth.NONE);
        String url = server.baseUrl() + "/cds-services/netlm-liver-metastases";
        CompletableFuture<ServiceHttp.Response> inFlight = CompletableFuture.supplyAsync(() -> {
            try {
                return post(url, JSON.writeValueAsString(ServiceHttp.patientView("p1")), null);
            } catch (IOException | InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        assertThat(entered.await(30, TimeUnit.SECONDS)).isTrue();
        CompletableFuture<Void> stopping = CompletableFuture.runAsync(server::stop);
        Thread.sleep(300);
        assertThat(stopping).isNotDone(); // waits for the request
        release.countDown();
        ServiceHttp.Response r = inFlight.get(30, TimeUnit.SECONDS);
        assertThat(r.status()).isEqualTo(200);
        JsonNode card = r.json().at("/cards/0");
        assertThat(card.path("summary").asText()).contains("not assessed");
        stopping.get(30, TimeUnit.SECONDS);
        assertThatThrownBy(() -> ServiceHttp.get(server.baseUrl() + "/cds-services", null)).isInstanceOf(IOException.class);
    }
}
