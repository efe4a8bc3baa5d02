package org.netlm.fhir;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.net.URISyntaxException;
import java.nio.file.Path;
import net.jqwik.api.ForAll;
import net.jqwik.api.From;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Arbitrary;
import org.netlm.model.PatientCase;
import org.netlm.testing.FhirBundles;
import org.netlm.testing.Patients;

/**
 * A patient written out as a FHIR Bundle (by the test-side writer {@link FhirBundles}, HAPI model classes) maps back
 * to the same patient: every field of interface.md, every enum value, absent fields, boundary values. Prior therapies
 * come back one per therapy (fhir-mapping.md §4), as {@link FhirBundles#expectedAfterMapping} states.
 */
class FhirRoundTripProperties {
    static final FhirPatientMapper SITE = mapper();
    /** Decimals as HAPI reads them (what the service's request reader does). */
    static final ObjectMapper TREE_READER = JsonMapper.builder()
        .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES).build();

    static FhirPatientMapper mapper() {
        try {
            return FhirPatientMapper.withMappingFile(Path.of(FhirRoundTripProperties.class.getResource(FhirBundles.SITE_MAPPING).toURI()));
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    @Provide
    Arbitrary<PatientCase> patients() {
        return Patients.valid();
    }

    @Property(tries = 600)
    void aBundleOfAPatientMapsBackToThatPatient(@ForAll("patients") PatientCase p) {
        FhirMappingResult m = SITE.map(FhirBundles.json(p));
        assertThat(m.patientCase()).usingRecursiveComparison().isEqualTo(FhirBundles.expectedAfterMapping(p));
        assertThat(m.report().violations()).isEmpty();
    }

    /** A Bundle handed over as a Jackson tree (as the CDS Hooks service does) maps exactly like its text. */
    @Property(tries = 200)
    void aBundleReadAsATreeMapsLikeItsText(@ForAll("patients") PatientCase p) throws Exception {
        String text = FhirBundles.json(p);
        FhirMappingResult fromText = SITE.map(text, null);
        FhirMappingResult fromTree = SITE.map((ObjectNode) TREE_READER.readTree(text), null);
        assertThat(fromTree.patientCase()).isEqualTo(fromText.patientCase());
        assertThat(fromTree.report().toJson()).isEqualTo(fromText.report().toJson());
    }
}
