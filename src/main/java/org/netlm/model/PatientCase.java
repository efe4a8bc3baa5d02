package org.netlm.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * The input fact: one patient case, exactly the fields of the patient JSON (interface.md).
 * Immutable: every field is final, the therapy list is an unmodifiable copy, and rules only read it.
 * Absent data are {@code null}. Build one with {@link #builder()}; check it with
 * {@link org.netlm.validation.PatientValidator} (the engine does so before the rules run).
 */
public final class PatientCase {
    private final String id;
    private final Integer age;
    private final Integer ecog;
    private final PrimarySite primarySite;
    private final PrimaryStatus primaryStatus;
    private final Boolean primaryResectable;
    private final Differentiation differentiation;
    private final Double ki67Percent;
    private final Double mitosesPer2mm2;
    private final Grade grade;
    private final Boolean functional;
    private final LiverMetastasisType liverMetastasisType;
    private final Integer liverLesionCount;
    private final Double largestLesionCm;
    private final Boolean bilobar;
    private final Double liverTumorBurdenPercent;
    private final Boolean extrahepaticDisease;
    private final Boolean extrahepaticResectable;
    private final Boolean resectable;
    private final Double futureLiverRemnantPercent;
    private final ChildPugh childPugh;
    private final Boolean portalVeinThrombosis;
    private final Boolean biliaryEntericAnastomosis;
    private final SstrStatus sstrStatus;
    private final DiseaseStatus diseaseStatus;
    private final Boolean symptomatic;
    private final Double creatinineClearanceMlMin;
    private final List<PriorTherapy> priorTherapies;

    private PatientCase(Builder b) {
        this.id = b.id;
        this.age = b.age;
        this.ecog = b.ecog;
        this.primarySite = b.primarySite;
        this.primaryStatus = b.primaryStatus;
        this.primaryResectable = b.primaryResectable;
        this.differentiation = b.differentiation;
        this.ki67Percent = b.ki67Percent;
        this.mitosesPer2mm2 = b.mitosesPer2mm2;
        this.grade = b.grade;
        this.functional = b.functional;
        this.liverMetastasisType = b.liverMetastasisType;
        this.liverLesionCount = b.liverLesionCount;
        this.largestLesionCm = b.largestLesionCm;
        this.bilobar = b.bilobar;
        this.liverTumorBurdenPercent = b.liverTumorBurdenPercent;
        this.extrahepaticDisease = b.extrahepaticDisease;
        this.extrahepaticResectable = b.extrahepaticResectable;
        this.resectable = b.resectable;
        this.futureLiverRemnantPercent = b.futureLiverRemnantPercent;
        this.childPugh = b.childPugh;
        this.portalVeinThrombosis = b.portalVeinThrombosis;
        this.biliaryEntericAnastomosis = b.biliaryEntericAnastomosis;
        this.sstrStatus = b.sstrStatus;
        this.diseaseStatus = b.diseaseStatus;
        this.symptomatic = b.symptomatic;
        this.creatinineClearanceMlMin = b.creatinineClearanceMlMin;
        this.priorTherapies = b.priorTherapies == null ? null
            : Collections.unmodifiableList(new ArrayList<>(b.priorTherapies));
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder pre-filled with this case's values, for making a changed copy. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.id = id;
        b.age = age;
        b.ecog = ecog;
        b.primarySite = primarySite;
        b.primaryStatus = primaryStatus;
        b.primaryResectable = primaryResectable;
        b.differentiation = differentiation;
        b.ki67Percent = ki67Percent;
        b.mitosesPer2mm2 = mitosesPer2mm2;
        b.grade = grade;
        b.functional = functional;
        b.liverMetastasisType = liverMetastasisType;
        b.liverLesionCount = liverLesionCount;
        b.largestLesionCm = largestLesionCm;
        b.bilobar = bilobar;
        b.liverTumorBurdenPercent = liverTumorBurdenPercent;
        b.extrahepaticDisease = extrahepaticDisease;
        b.extrahepaticResectable = extrahepaticResectable;
        b.resectable = resectable;
        b.futureLiverRemnantPercent = futureLiverRemnantPercent;
        b.childPugh = childPugh;
        b.portalVeinThrombosis = portalVeinThrombosis;
        b.biliaryEntericAnastomosis = biliaryEntericAnastomosis;
        b.sstrStatus = sstrStatus;
        b.diseaseStatus = diseaseStatus;
        b.symptomatic = symptomatic;
        b.creatinineClearanceMlMin = creatinineClearanceMlMin;
        b.priorTherapies = priorTherapies;
        return b;
    }

    /** Patient or case identifier; {@code null} when absent. */
    public String getId() {
        return id;
    }

    /** Age in years (0-120); {@code null} when absent. */
    public Integer getAge() {
        return age;
    }

    /** ECOG performance status (0-4); {@code null} when absent. */
    public Integer getEcog() {
        return ecog;
    }

    /** Site of the primary tumour; {@code null} when absent. */
    public PrimarySite getPrimarySite() {
        return primarySite;
    }

    /** Status of the primary tumour; {@code null} when absent. */
    public PrimaryStatus getPrimaryStatus() {
        return primaryStatus;
    }

    /** Surgeon's assessment of the primary (when in situ); {@code null} when absent. */
    public Boolean getPrimaryResectable() {
        return primaryResectable;
    }

    /** WELL (NET) or POOR (NEC); {@code null} when absent. */
    public Differentiation getDifferentiation() {
        return differentiation;
    }

    /** Ki-67 labelling index (0-100); {@code null} when absent. */
    public Double getKi67Percent() {
        return ki67Percent;
    }

    /** Mitotic count per 2 mm2 (>= 0); {@code null} when absent. */
    public Double getMitosesPer2mm2() {
        return mitosesPer2mm2;
    }

    /** Grade as reported by pathology; {@code null} when absent. */
    public Grade getGrade() {
        return grade;
    }

    /** Hormonal syndrome present; {@code null} when absent. */
    public Boolean getFunctional() {
        return functional;
    }

    /** Liver metastasis type as reported; {@code null} when absent. */
    public LiverMetastasisType getLiverMetastasisType() {
        return liverMetastasisType;
    }

    /** Number of liver metastases (>= 1); {@code null} when absent. */
    public Integer getLiverLesionCount() {
        return liverLesionCount;
    }

    /** Diameter of the largest liver metastasis (> 0); {@code null} when absent. */
    public Double getLargestLesionCm() {
        return largestLesionCm;
    }

    /** Both liver lobes involved; {@code null} when absent. */
    public Boolean getBilobar() {
        return bilobar;
    }

    /** Share of liver volume replaced by tumour (0-100); {@code null} when absent. */
    public Double getLiverTumorBurdenPercent() {
        return liverTumorBurdenPercent;
    }

    /** Metastases outside the liver; {@code null} when absent. */
    public Boolean getExtrahepaticDisease() {
        return extrahepaticDisease;
    }

    /**
     * Surgeon's assessment that all extrahepatic disease can be removed together with the liver disease (model v2);
     * used only when {@link #getExtrahepaticDisease()} is {@code true}; {@code null} when absent (counts as false).
     */
    public Boolean getExtrahepaticResectable() {
        return extrahepaticResectable;
    }

    /** Surgeon's assessment that >= 90 % of liver disease can be removed; {@code null} when absent. */
    public Boolean getResectable() {
        return resectable;
    }

    /** Planned remnant volume after resection (0-100); {@code null} when absent. */
    public Double getFutureLiverRemnantPercent() {
        return futureLiverRemnantPercent;
    }

    /** Child-Pugh class; {@code null} when absent. */
    public ChildPugh getChildPugh() {
        return childPugh;
    }

    /** Main portal vein thrombosis; {@code null} when absent. */
    public Boolean getPortalVeinThrombosis() {
        return portalVeinThrombosis;
    }

    /** Biliary-enteric anastomosis, e.g. after Whipple; {@code null} when absent. */
    public Boolean getBiliaryEntericAnastomosis() {
        return biliaryEntericAnastomosis;
    }

    /** Somatostatin-receptor imaging status; {@code null} when absent. */
    public SstrStatus getSstrStatus() {
        return sstrStatus;
    }

    /** RECIST status over the last 12 months; {@code null} when absent. */
    public DiseaseStatus getDiseaseStatus() {
        return diseaseStatus;
    }

    /** Tumour-related symptoms; {@code null} when absent. */
    public Boolean getSymptomatic() {
        return symptomatic;
    }

    /** Creatinine clearance in mL/min (>= 0); {@code null} when absent. */
    public Double getCreatinineClearanceMlMin() {
        return creatinineClearanceMlMin;
    }

    /** Treatments already given; {@code null} when absent, otherwise unmodifiable. */
    public List<PriorTherapy> getPriorTherapies() {
        return priorTherapies;
    }

    /** The prior therapies, never null (empty when absent). */
    public List<PriorTherapy> priorTherapiesOrEmpty() {
        return priorTherapies == null ? List.of() : priorTherapies;
    }

    /** True when {@code therapy} was given with one of the given outcomes. */
    public boolean hadOutcome(Therapy therapy, TherapyOutcome... outcomes) {
        for (PriorTherapy p : priorTherapiesOrEmpty()) {
            if (p.getTherapy() == therapy) {
                for (TherapyOutcome o : outcomes) {
                    if (p.getOutcome() == o) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    /** True when {@code therapy} was given and failed (progression or intolerance). */
    public boolean failed(Therapy therapy) {
        return hadOutcome(therapy, TherapyOutcome.PROGRESSION, TherapyOutcome.INTOLERANCE);
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof PatientCase)) {
            return false;
        }
        PatientCase p = (PatientCase) o;
        return Objects.equals(id, p.id)
            && Objects.equals(age, p.age)
            && Objects.equals(ecog, p.ecog)
            && Objects.equals(primarySite, p.primarySite)
            && Objects.equals(primaryStatus, p.primaryStatus)
            && Objects.equals(primaryResectable, p.primaryResectable)
            && Objects.equals(differentiation, p.differentiation)
            && Objects.equals(ki67Percent, p.ki67Percent)
            && Objects.equals(mitosesPer2mm2, p.mitosesPer2mm2)
            && Objects.equals(grade, p.grade)
            && Objects.equals(functional, p.functional)
            && Objects.equals(liverMetastasisType, p.liverMetastasisType)
            && Objects.equals(liverLesionCount, p.liverLesionCount)
            && Objects.equals(largestLesionCm, p.largestLesionCm)
            && Objects.equals(bilobar, p.bilobar)
            && Objects.equals(liverTumorBurdenPercent, p.liverTumorBurdenPercent)
            && Objects.equals(extrahepaticDisease, p.extrahepaticDisease)
            && Objects.equals(extrahepaticResectable, p.extrahepaticResectable)
            && Objects.equals(resectable, p.resectable)
            && Objects.equals(futureLiverRemnantPercent, p.futureLiverRemnantPercent)
            && Objects.equals(childPugh, p.childPugh)
            && Objects.equals(portalVeinThrombosis, p.portalVeinThrombosis)
            && Objects.equals(biliaryEntericAnastomosis, p.biliaryEntericAnastomosis)
            && Objects.equals(sstrStatus, p.sstrStatus)
            && Objects.equals(diseaseStatus, p.diseaseStatus)
            && Objects.equals(symptomatic, p.symptomatic)
            && Objects.equals(creatinineClearanceMlMin, p.creatinineClearanceMlMin)
            && Objects.equals(priorTherapies, p.priorTherapies);
    }

    @Override
    public int hashCode() {
        return Objects.hash(id, age, ecog, primarySite, primaryStatus, primaryResectable, differentiation, ki67Percent, mitosesPer2mm2, grade, functional, liverMetastasisType, liverLesionCount, largestLesionCm, bilobar, liverTumorBurdenPercent, extrahepaticDisease, extrahepaticResectable, resectable, futureLiverRemnantPercent, childPugh, portalVeinThrombosis, biliaryEntericAnastomosis, sstrStatus, diseaseStatus, symptomatic, creatinineClearanceMlMin, priorTherapies);
    }

    /** Only the id: patient data stay out of logs and exception messages. */
    @Override
    public String toString() {
        return "PatientCase[id=" + id + "]";
    }

    /** Mutable builder; {@link #build()} makes the immutable case (no validation: see PatientValidator). */
    public static final class Builder {
        private String id;
        private Integer age;
        private Integer ecog;
        private PrimarySite primarySite;
        private PrimaryStatus primaryStatus;
        private Boolean primaryResectable;
        private Differentiation differentiation;
        private Double ki67Percent;
        private Double mitosesPer2mm2;
        private Grade grade;
        private Boolean functional;
        private LiverMetastasisType liverMetastasisType;
        private Integer liverLesionCount;
        private Double largestLesionCm;
        private Boolean bilobar;
        private Double liverTumorBurdenPercent;
        private Boolean extrahepaticDisease;
        private Boolean extrahepaticResectable;
        private Boolean resectable;
        private Double futureLiverRemnantPercent;
        private ChildPugh childPugh;
        private Boolean portalVeinThrombosis;
        private Boolean biliaryEntericAnastomosis;
        private SstrStatus sstrStatus;
        private DiseaseStatus diseaseStatus;
        private Boolean symptomatic;
        private Double creatinineClearanceMlMin;
        private List<PriorTherapy> priorTherapies;

        private Builder() {
        }

        public Builder id(String value) {
            this.id = value;
            return this;
        }

        public Builder age(Integer value) {
            this.age = value;
            return this;
        }

        public Builder ecog(Integer value) {
            this.ecog = value;
            return this;
        }

        public Builder primarySite(PrimarySite value) {
            this.primarySite = value;
            return this;
        }

        public Builder primaryStatus(PrimaryStatus value) {
            this.primaryStatus = value;
            return this;
        }

        public Builder primaryResectable(Boolean value) {
            this.primaryResectable = value;
            return this;
        }

        public Builder differentiation(Differentiation value) {
            this.differentiation = value;
            return this;
        }

        public Builder ki67Percent(Double value) {
            this.ki67Percent = value;
            return this;
        }

        public Builder mitosesPer2mm2(Double value) {
            this.mitosesPer2mm2 = value;
            return this;
        }

        public Builder grade(Grade value) {
            this.grade = value;
            return this;
        }

        public Builder functional(Boolean value) {
            this.functional = value;
            return this;
        }

        public Builder liverMetastasisType(LiverMetastasisType value) {
            this.liverMetastasisType = value;
            return this;
        }

        public Builder liverLesionCount(Integer value) {
            this.liverLesionCount = value;
            return this;
        }

        public Builder largestLesionCm(Double value) {
            this.largestLesionCm = value;
            return this;
        }

        public Builder bilobar(Boolean value) {
            this.bilobar = value;
            return this;
        }

        public Builder liverTumorBurdenPercent(Double value) {
            this.liverTumorBurdenPercent = value;
            return this;
        }

        public Builder extrahepaticDisease(Boolean value) {
            this.extrahepaticDisease = value;
            return this;
        }

        public Builder extrahepaticResectable(Boolean value) {
            this.extrahepaticResectable = value;
            return this;
        }

        public Builder resectable(Boolean value) {
            this.resectable = value;
            return this;
        }

        public Builder futureLiverRemnantPercent(Double value) {
            this.futureLiverRemnantPercent = value;
            return this;
        }

        public Builder childPugh(ChildPugh value) {
            this.childPugh = value;
            return this;
        }

        public Builder portalVeinThrombosis(Boolean value) {
            this.portalVeinThrombosis = value;
            return this;
        }

        public Builder biliaryEntericAnastomosis(Boolean value) {
            this.biliaryEntericAnastomosis = value;
            return this;
        }

        public Builder sstrStatus(SstrStatus value) {
            this.sstrStatus = value;
            return this;
        }

        public Builder diseaseStatus(DiseaseStatus value) {
            this.diseaseStatus = value;
            return this;
        }

        public Builder symptomatic(Boolean value) {
            this.symptomatic = value;
            return this;
        }

        public Builder creatinineClearanceMlMin(Double value) {
            this.creatinineClearanceMlMin = value;
            return this;
        }

        public Builder priorTherapies(List<PriorTherapy> value) {
            this.priorTherapies = value;
            return this;
        }

        public Builder priorTherapy(Therapy therapy, TherapyOutcome outcome) {
            List<PriorTherapy> list = priorTherapies == null ? new ArrayList<>() : new ArrayList<>(priorTherapies);
            list.add(new PriorTherapy(therapy, outcome));
            this.priorTherapies = list;
            return this;
        }

        public PatientCase build() {
            return new PatientCase(this);
        }
    }
}
